// The respondent's way through a survey link, in Chromium: phone in nynorsk with a break half-way,
// a shared ward tablet that must forget the previous person, keyboard only, and reflow at 320 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, NARROW, PHONE, expectAccessible, expectNoHorizontalScroll, launchBrowser, newContext, screenshot } from './browser.js';

const base = inject('baseUrl');
const RECEIPT = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/;
type Lang = 'nb' | 'nn' | 'en';
/** The survey's button texts and receipt heading, as a respondent sees them (src/web/i18n). */
const LABELS: Record<Lang, { chooser: string; start: string; next: string; send: string; thanks: string }> = {
  nb: { chooser: 'Bokmål', start: 'Start undersøkelsen', next: 'Neste', send: 'Send inn svarene', thanks: 'Takk for svarene dine!' },
  nn: { chooser: 'Nynorsk', start: 'Start undersøkinga', next: 'Neste', send: 'Send inn svara', thanks: 'Takk for svara dine!' },
  en: { chooser: 'English', start: 'Start the survey', next: 'Next', send: 'Send your answers', thanks: 'Thank you for your answers!' },
};
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function heading(page: Page): Promise<string> {
  return ((await page.locator('main h1').first().textContent()) ?? '').trim();
}

/** On the consent page, once the survey has loaded (it switches to the municipality's language then). */
async function chooseLanguage(page: Page, lang: Lang) {
  await page.locator('#consent').waitFor();
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) {
    // Designsystemet's ToggleGroup: a radio group whose labels take the click.
    await page.locator('.language-chooser label').filter({ hasText: LABELS[lang].chooser }).click();
  }
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
}
const chooseNynorsk = (page: Page) => chooseLanguage(page, 'nn');

async function giveConsent(page: Page, lang: Lang = 'nn') {
  await page.locator('#consent').check();
  await page.getByRole('button', { name: LABELS[lang].start }).click();
  await page.locator('.survey-progress').waitFor();
}

/** Answers what the current section shows: the second option of each radio group and a number in range. */
async function answerSection(page: Page) {
  const groups = await page.evaluate(() => [...new Set([...document.querySelectorAll<HTMLInputElement>('main input[type=radio]')].map((i) => i.name))]);
  for (const name of groups) {
    const options = page.locator(`main input[type=radio][name="${name}"]`);
    await options.nth(Math.min(1, (await options.count()) - 1)).check();
  }
  const boxes = page.locator('main input[type=checkbox]');
  if (await boxes.count()) await boxes.first().check();
  const numbers = page.locator('main input[inputmode=numeric]');
  for (let i = 0; i < (await numbers.count()); i++) await numbers.nth(i).fill('3');
}

async function progress(page: Page): Promise<{ current: number; total: number }> {
  const bar = page.locator('progress.survey-progress__bar');
  return { current: Number(await bar.getAttribute('value')), total: Number(await bar.getAttribute('max')) };
}

/** Answers and moves on until the receipt; returns the receipt code. */
async function finish(page: Page, shotPrefix?: string, lang: Lang = 'nn'): Promise<string> {
  for (let guard = 0; guard < 30; guard++) {
    await answerSection(page);
    if (shotPrefix) {
      const { current } = await progress(page);
      await expectAccessible(page, `section ${current}`);
      await expectNoHorizontalScroll(page);
      await screenshot(page, `${shotPrefix}-section-${current}`);
    }
    const send = page.getByRole('button', { name: LABELS[lang].send });
    if (await send.count()) {
      await send.click();
      break;
    }
    await page.getByRole('button', { name: LABELS[lang].next }).click();
  }
  const code = page.locator('.code--receipt');
  await code.waitFor();
  return ((await code.textContent()) ?? '').replace(/\s/g, '');
}

describe('respondent on a phone', () => {
  it('answers in nynorsk, leaves half-way, comes back on the same device and finishes with a receipt', async () => {
    const context = await newContext(browser, PHONE, 'nn-NO');
    let page = await context.newPage();
    await page.goto(`${base}/s/demo-gol-t1`);
    await chooseNynorsk(page);
    await expectAccessible(page, 'consent page');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'survey-consent-nn-phone');

    // Consent is the one required answer: trying to start without it shows the error summary.
    await page.getByRole('button', { name: 'Start undersøkinga' }).click();
    await expect(page.locator('ds-error-summary, .ds-error-summary').first()).toBeDefined();
    await expect.poll(() => page.getByText('Du må krysse av for samtykke før du kan byrje.').count()).toBeGreaterThan(0);

    await giveConsent(page);
    const { total } = await progress(page);
    expect(total).toBeGreaterThan(3);
    await answerSection(page);
    await page.getByRole('button', { name: 'Neste' }).click();
    await answerSection(page);
    await page.getByRole('button', { name: 'Neste' }).click();
    expect((await progress(page)).current).toBe(3);
    await expect.poll(() => page.locator('.save-status').textContent(), { timeout: 10_000 }).toMatch(/Lagra kl/);
    await page.close();

    // Back later on the same device: the answers and the place are kept.
    page = await context.newPage();
    await page.goto(`${base}/s/demo-gol-t1`);
    await page.getByRole('heading', { name: 'Velkomen tilbake' }).waitFor();
    await expectAccessible(page, 'welcome back');
    await screenshot(page, 'survey-welcome-back-nn-phone');
    await page.getByRole('button', { name: 'Hald fram der du slutta' }).click();
    await page.locator('.survey-progress').waitFor();
    expect((await progress(page)).current).toBe(3);

    const receipt = await finish(page, 'survey-nn-phone');
    expect(receipt).toMatch(RECEIPT);
    expect(await heading(page)).toBe('Takk for svara dine!');
    await expectAccessible(page, 'receipt');
    await screenshot(page, 'survey-receipt-nn-phone');
    await context.close();
  });
});

describe('respondent on a shared ward tablet', () => {
  it('gets a resume code, and after finishing nothing of them is left for the next person', async () => {
    const context = await newContext(browser, PHONE, 'nn-NO');
    const page = await context.newPage();
    await page.goto(`${base}/s/demo-gol-t1-tablet`);
    await chooseNynorsk(page);
    await giveConsent(page);
    const resumeCode = ((await page.locator('.code--resume').textContent()) ?? '').replace(/\s/g, '');
    expect(resumeCode.length).toBeGreaterThanOrEqual(8);
    await expectAccessible(page, 'shared device, first section');
    await screenshot(page, 'survey-shared-resume-code');

    const receipt = await finish(page);
    expect(receipt).toMatch(RECEIPT);
    await page.getByRole('button', { name: 'Ferdig' }).click();
    await page.locator('#consent').waitFor();

    const html = await page.content();
    expect(html).not.toContain(receipt);
    expect(html).not.toContain(resumeCode);
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
    expect(stored).toEqual({ local: 0, session: 0 });
    expect(await page.locator('main input:checked').count()).toBe(0);
    await expectAccessible(page, 'shared device after finishing');
    await screenshot(page, 'survey-shared-after-finish');
    await context.close();
  });
});

describe('respondent by keyboard only', () => {
  async function tabTo(page: Page, match: (el: { tag: string; id: string; type: string; text: string }) => boolean) {
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        return { tag: a?.tagName.toLowerCase() ?? '', id: a?.id ?? '', type: (a as HTMLInputElement | null)?.type ?? '', text: (a?.textContent ?? '').trim() };
      });
      if (match(el)) return;
    }
    throw new Error('focus never reached the wanted element');
  }

  it('completes the survey with Tab, Space, arrows and Enter', async () => {
    const context = await newContext(browser, DESKTOP, 'nb-NO');
    const page = await context.newPage();
    await page.goto(`${base}/s/demo-hol-t1`);
    await page.locator('#consent').waitFor();
    await tabTo(page, (el) => el.id === 'consent');
    await page.keyboard.press('Space');
    await tabTo(page, (el) => el.tag === 'button' && /Start/.test(el.text));
    await page.keyboard.press('Enter');
    await page.locator('.survey-progress').waitFor();

    for (let guard = 0; guard < 30; guard++) {
      // Choose something in the first radio group by keyboard, then move to the forward button.
      if (await page.locator('main input[type=radio]').count()) {
        await tabTo(page, (el) => el.type === 'radio');
        await page.keyboard.press('Space');
      }
      await tabTo(page, (el) => el.tag === 'button' && /^(Neste|Send inn svarene|Send inn svara|Next|Send)/.test(el.text));
      const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
      await page.keyboard.press('Enter');
      if (/Send/.test(text)) break;
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1' || document.activeElement?.tagName === 'H2');
    }
    await page.locator('.code--receipt').waitFor();
    expect(((await page.locator('.code--receipt').textContent()) ?? '').replace(/\s/g, '')).toMatch(RECEIPT);
    await context.close();
  });
});

describe('reflow', () => {
  it('has no horizontal scrolling at 320 px and shows a Likert grid as one fieldset per statement on narrow screens', async () => {
    const narrow = await newContext(browser, NARROW, 'nb-NO');
    const page = await narrow.newPage();
    await page.goto(`${base}/s/demo-hol-t1`);
    await page.locator('#consent').waitFor();
    await expectNoHorizontalScroll(page);
    await giveConsentAny(page);
    // Walk until a section with a grid of statements is shown.
    let found = false;
    for (let guard = 0; guard < 20 && !found; guard++) {
      await expectNoHorizontalScroll(page);
      found = (await page.locator('main .question--grid-narrow').count()) > 0;
      if (!found) await page.getByRole('button', { name: /Neste|Next/ }).click();
    }
    expect(found).toBe(true);
    expect(await page.locator('main table').count()).toBe(0);
    expect(await page.locator('main .question--grid-narrow fieldset').count()).toBeGreaterThan(1);
    await screenshot(page, 'survey-grid-320');
    await expectAccessible(page, 'grid at 320 px');

    await page.setViewportSize(DESKTOP);
    await expect.poll(() => page.locator('main .question--grid table').count()).toBeGreaterThan(0);
    await screenshot(page, 'survey-grid-desktop');
    await expectAccessible(page, 'grid on desktop');
    await narrow.close();
  });
});

async function giveConsentAny(page: Page) {
  await page.locator('#consent').check();
  await page.locator('form button[type=submit], main button').filter({ hasText: /Start/ }).first().click();
  await page.locator('.survey-progress').waitFor();
}

describe('conditional questions', () => {
  it('asks how confident you are with a technology only once you say you use it, and does not save that answer once you take the use back', async () => {
    const context = await newContext(browser, DESKTOP, 'nn-NO');
    const page = await context.newPage();
    await page.goto(`${base}/s/demo-vinje-t1`);
    await chooseNynorsk(page);
    await giveConsent(page);
    for (let guard = 0; guard < 15 && (await heading(page)) !== 'Velferdsteknologi i tenesta'; guard++) {
      await page.getByRole('button', { name: 'Neste' }).click();
    }
    expect(await heading(page)).toBe('Velferdsteknologi i tenesta');
    // Option ids follow fieldIds.ts: the first option has the item's field id, the others get -<index>.
    const confidence = page.locator('#q-dk-conf_supervision');
    expect(await confidence.count()).toBe(0);

    await page.locator('#q-dk-use_supervision-2').check(); // weekly
    await confidence.waitFor();
    expect(await page.locator('#q-dk-conf_dispenser').count()).toBe(0);
    await confidence.check();
    await screenshot(page, 'survey-conditional-confidence');
    await expectAccessible(page, 'technology section with a confidence question');

    // Taking it back hides the question, and the hidden answer is not in what is saved.
    const saved: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/drafts/')) saved.push(r.postData() ?? '');
    });
    await page.locator('#q-dk-use_supervision').check(); // never
    await expect.poll(() => confidence.count()).toBe(0);
    await page.getByRole('button', { name: 'Neste' }).click(); // a section change saves at once
    await expect.poll(() => saved.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const answers = (JSON.parse(saved.at(-1)!) as { answers: Record<string, unknown> }).answers;
    expect(answers['dk:use_supervision']).toBe('never');
    expect(answers).not.toHaveProperty('dk:conf_supervision');
    await context.close();
  });
});

describe('both forms in all three languages', () => {
  const forms = [
    { name: 'full', token: 'demo-vinje-t1', maxSections: 12 },
    { name: 'short', token: 'demo-gol-t1-short', maxSections: 6 },
  ] as const;
  for (const form of forms) {
    for (const lang of ['nb', 'nn', 'en'] as const) {
      it(`takes the ${form.name} form on a phone in ${lang}`, async () => {
        const context = await newContext(browser, PHONE, `${lang}-NO`);
        const page = await context.newPage();
        await page.goto(`${base}/s/${form.token}`);
        await chooseLanguage(page, lang);
        await giveConsent(page, lang);
        expect((await progress(page)).total).toBeLessThanOrEqual(form.maxSections);
        const receipt = await finish(page, `survey-${form.name}-${lang}-phone`, lang);
        expect(receipt).toMatch(RECEIPT);
        expect(await heading(page)).toBe(LABELS[lang].thanks);
        await context.close();
      });
    }
  }
});

describe("a municipality's own systems, and the measured answering time", () => {
  it('asks Gol about its local systems after the technologies, confidence only when used, and sends the active time that a break did not reset', async () => {
    const info = (await (await fetch(`${base}/api/v1/survey/demo-gol-t1`)).json()) as { municipality: { id: string }; instrument: { sections: { id: string }[] } };
    const hol = (await (await fetch(`${base}/api/v1/survey/demo-hol-t1`)).json()) as { instrument: { sections: { id: string }[] } };
    expect(hol.instrument.sections.map((s) => s.id)).not.toContain('local_systems');
    const field = (kind: 'use' | 'conf', key: string) => `#q-local-${info.municipality.id}-${kind}_${key}`;

    const context = await newContext(browser, PHONE, 'nn-NO');
    let page = await context.newPage();
    await page.goto(`${base}/s/demo-gol-t1`);
    await chooseNynorsk(page);
    await giveConsent(page);
    for (let guard = 0; guard < 15 && (await heading(page)) !== 'Lokale system'; guard++) {
      await answerSection(page);
      await page.getByRole('button', { name: 'Neste' }).click();
    }
    expect(await heading(page)).toBe('Lokale system');
    const sectionIds = info.instrument.sections.map((s) => s.id);
    expect(sectionIds.indexOf('local_systems')).toBe(sectionIds.indexOf('systems') + 1);
    expect(await page.getByText('Gerica (pasientjournalen)').count()).toBeGreaterThan(0);

    // Confidence for Gerica only once it is in use.
    const confidence = page.locator(field('conf', 'gerica'));
    expect(await confidence.count()).toBe(0);
    await page.locator(`${field('use', 'gerica')}-3`).check(); // daily
    await confidence.waitFor();
    expect(await page.locator(field('conf', 'gat')).count()).toBe(0);
    await page.locator(`${field('conf', 'gerica')}-3`).check(); // quite confident
    await expectAccessible(page, 'local systems section');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'survey-local-systems-nn-phone');

    // A break: the page closes, the time so far is kept on the device, and coming back continues it.
    await page.getByRole('button', { name: 'Neste' }).click();
    await expect.poll(() => page.locator('.save-status').textContent(), { timeout: 10_000 }).toMatch(/Lagra kl/);
    const before = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('digikompass.survey.'));
      return key ? (JSON.parse(localStorage.getItem(key)!) as { activeSeconds: number }).activeSeconds : -1;
    });
    expect(before).toBeGreaterThan(0);
    await page.close();
    page = await context.newPage();
    await page.goto(`${base}/s/demo-gol-t1`);
    await page.getByRole('button', { name: 'Hald fram der du slutta' }).click();
    await page.locator('.survey-progress').waitFor();

    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/responses')) sent.push(r.postData() ?? '');
    });
    expect(await finish(page)).toMatch(RECEIPT);
    const body = JSON.parse(sent.at(-1)!) as { activeSeconds: number; answers: Record<string, unknown> };
    expect(body.answers[`local:${info.municipality.id}:use_gerica`]).toBe('daily');
    expect(body.answers[`local:${info.municipality.id}:conf_gerica`]).toBe(4);
    expect(body.activeSeconds).toBeGreaterThanOrEqual(before);
    expect(body.activeSeconds).toBeLessThan(3600);
    await context.close();
  });
});
