// Receipts, withdrawal and wave linking, in Chromium on a phone: a respondent answers a first wave and keeps
// the receipt, answers the next wave linked by the receipt code (nynorsk) or by the remembered browser
// (bokmål), sees both answers on the receipt page and withdraws them; the code questions are matched by the
// administrator. Two waves of a project of its own, both open (the demo's T0 is closed), so the demo is untouched.
import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { InstrumentVersion, Municipality, Project, SurveyLink, Wave } from '../src/contracts/api.js';
import { DESKTOP, PHONE, expectAccessible, expectNoHorizontalScroll, launchBrowser, logInByApi, newContext, screenshot } from './browser.js';

const base = inject('baseUrl');
const RECEIPT = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/;
const DAY = 24 * 60 * 60 * 1000;
type Lang = 'nb' | 'nn';
/** What the respondent sees, as in src/web/i18n. */
const T = {
  nb: {
    chooser: 'Bokmål', start: 'Start undersøkelsen', next: 'Neste', send: 'Send inn svarene', linkingTitle: 'Koble svarene dine over tid',
    remember: 'Husk denne nettleseren, så neste svar herfra kan kobles til dette', device: 'Koble med det denne nettleseren husker fra E2E-A',
    linked: 'Svarene er koblet til svarene dine fra E2E-A.', show: 'Vis svarene mine', withdraw: 'Trekk tilbake svarene mine', yes: 'Ja, slett svarene mine',
    deleted: 'Vi har slettet svarene dine fra 2 kartleggingsrunder.', notFound: 'Vi fant ingen svar med denne koden.', tooMany: 'for mange forsøk',
  },
  nn: {
    chooser: 'Nynorsk', start: 'Start undersøkinga', next: 'Neste', send: 'Send inn svara', linkingTitle: 'Kople svara dine over tid',
    remember: 'Hugs denne nettlesaren, så neste svar herifrå kan koplast til dette', device: 'Kople med det denne nettlesaren hugsar frå E2E-A',
    linked: 'Svara er kopla til svara dine frå E2E-A.', show: 'Vis svara mine', withdraw: 'Trekk tilbake svara mine', yes: 'Ja, slett svara mine',
    deleted: 'Vi har sletta svara dine frå 2 kartleggingsrundar.', notFound: 'Vi fann ingen svar med denne koden.', tooMany: 'for mange forsøk',
  },
} as const;

let browser: Browser;
let admin: APIRequestContext;
/** Survey link tokens of the two waves, for Gol. */
const tokens = { a: '', b: '' };
let waveB: Wave;

beforeAll(async () => {
  browser = await launchBrowser();
  // One administrator session for the whole file: a second login would wait for the next two-factor code.
  admin = await request.newContext({ baseURL: base });
  const session = await logInByApi(admin, base, 'admin@digikompass.test', 'demo-admin-2026');
  const headers = { 'x-csrf-token': session.csrfToken };
  const post = async <T>(path: string, data: unknown): Promise<T> => {
    const res = await admin.post(`/api/v1${path}`, { data, headers });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
    return (await res.json()) as T;
  };
  const instruments = (await (await admin.get('/api/v1/instruments')).json()) as InstrumentVersion[];
  // The short form keeps the walk through the sections short; any instrument would do.
  const instrument = instruments.find((i) => i.form === 'short') ?? instruments[0]!;
  const gol = ((await (await admin.get('/api/v1/municipalities')).json()) as Municipality[]).find((m) => m.name === 'Gol')!;
  const project = await post<Project>('/projects', { name: `Kobling i nettlesaren ${Date.now()}`, kMin: 5, endDate: '2027-12-31' });
  const now = Date.now();
  // Both open before the demo's T1, so a leader's default wave (the latest opened) stays T1.
  const wave = (label: string, opensDaysAgo: number) =>
    post<Wave>('/waves', {
      projectId: project.id, label, instrumentId: instrument.id, instrumentVersion: instrument.version,
      opensAt: new Date(now - opensDaysAgo * DAY).toISOString(), closesAt: new Date(now + 30 * DAY).toISOString(),
    });
  const waveA = await wave('E2E-A', 30);
  waveB = await wave('E2E-B', 20);
  tokens.a = (await post<SurveyLink>(`/waves/${waveA.id}/links`, { municipalityId: gol.id, unitId: null, sharedDevice: false })).token;
  tokens.b = (await post<SurveyLink>(`/waves/${waveB.id}/links`, { municipalityId: gol.id, unitId: null, sharedDevice: false })).token;
});
afterAll(async () => {
  await admin?.dispose();
  await browser?.close();
});

async function check(page: Page, what: string) {
  await expectAccessible(page, what);
  await expectNoHorizontalScroll(page);
}

/** Opens a survey link, switches to the language and gives consent. */
async function startSurvey(page: Page, token: string, lang: Lang) {
  await page.goto(`${base}/s/${token}`);
  await page.locator('#consent').waitFor();
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) {
    await page.locator('.language-chooser label').filter({ hasText: T[lang].chooser }).click();
  }
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  await page.locator('#consent').check();
  await page.getByRole('button', { name: T[lang].start }).click();
  await page.locator('.survey-progress').waitFor();
}

/** Answers every section (the second option of each radio group, 3 in number fields) until the linking step. */
async function answerUntilLinking(page: Page, lang: Lang) {
  for (let guard = 0; guard < 30; guard++) {
    if ((await page.locator('main h1').textContent()) === T[lang].linkingTitle) return;
    const groups = await page.evaluate(() => [...new Set([...document.querySelectorAll<HTMLInputElement>('main input[type=radio]')].map((i) => i.name))]);
    for (const name of groups) {
      const options = page.locator(`main input[type=radio][name="${name}"]`);
      await options.nth(Math.min(1, (await options.count()) - 1)).check();
    }
    const numbers = page.locator('main input[inputmode=numeric]');
    for (let i = 0; i < (await numbers.count()); i++) await numbers.nth(i).fill('3');
    const heading = await page.locator('main h1').textContent();
    await page.getByRole('button', { name: T[lang].next }).click();
    await expect.poll(() => page.locator('main h1').textContent()).not.toBe(heading);
  }
  throw new Error('never reached the linking step');
}

/** The same answers to the code questions in both waves: what a person who remembers them gives. */
async function answerCodeQuestions(page: Page) {
  const code = { motherInitial: 'K', fatherInitial: 'O', birthDay: '17', motherBirthMonth: '5', olderSiblings: '2', birthPlaceInitial: 'G' };
  for (const [id, value] of Object.entries(code)) await page.locator(`#link-code-${id}`).selectOption(value);
}

async function send(page: Page, lang: Lang): Promise<string> {
  await page.getByRole('button', { name: T[lang].send }).click();
  const code = page.locator('.code--receipt');
  await code.waitFor();
  const receipt = ((await code.textContent()) ?? '').replace(/\s/g, '');
  expect(receipt).toMatch(RECEIPT);
  return receipt;
}

async function openReceiptPage(page: Page, typed: string, lang: Lang) {
  if (!page.url().endsWith('/kvittering')) await page.goto(`${base}/kvittering`);
  await page.locator('#receipt-code').fill(typed);
  await page.getByRole('button', { name: T[lang].show }).click();
}

/** The receipt page with this code: the summary, then withdrawal through the confirmation dialog. */
async function withdraw(page: Page, lang: Lang, shot: string) {
  await page.locator('.answer-list').first().waitFor();
  // Skipped questions are listed as not answered; chosen options by their labels in the page's language.
  expect(await page.locator('.answer-list dd').count()).toBeGreaterThan(5);
  await check(page, `receipt summary ${lang}`);
  await screenshot(page, `${shot}-summary`);
  await page.getByRole('button', { name: T[lang].withdraw }).click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  await check(page, `withdraw confirmation ${lang}`);
  await screenshot(page, `${shot}-confirm`);
  await dialog.getByRole('button', { name: T[lang].yes }).click();
  await page.getByText(T[lang].deleted).waitFor();
  await check(page, `withdrawn ${lang}`);
  await screenshot(page, `${shot}-withdrawn`);
}

async function phone(lang: Lang): Promise<BrowserContext> {
  return newContext(browser, PHONE, `${lang}-NO`);
}

describe('a respondent who keeps the receipt (nynorsk, phone)', () => {
  it('answers the first wave, links the next by the receipt code, sees both on the receipt page and withdraws them', async () => {
    const context = await phone('nn');
    const page = await context.newPage();
    await startSurvey(page, tokens.a, 'nn');
    await answerUntilLinking(page, 'nn');
    // The first wave: nothing earlier to link to, but the code questions and the offer to remember the browser.
    expect(await page.locator('#earlier-receipt').count()).toBe(0);
    await check(page, 'linking step, first wave');
    await screenshot(page, 'linking-first-wave-nn-phone');
    await answerCodeQuestions(page);
    const first = await send(page, 'nn');
    expect(await page.evaluate(() => localStorage.getItem('digikompass.deviceToken'))).toBeNull();
    await check(page, 'thank-you page');
    await screenshot(page, 'receipt-thanks-nn-phone');

    // The next wave, typed from paper: lower case, spaces instead of dashes.
    await startSurvey(page, tokens.b, 'nn');
    await answerUntilLinking(page, 'nn');
    await page.getByRole('heading', { name: 'Svarte du på E2E-A?' }).waitFor();
    await page.locator('#earlier-receipt').fill('ZZZZ ZZZZ ZZZZ ZZZZ ZZZZ');
    await page.getByRole('button', { name: 'Sjekk koden' }).click();
    await page.getByText('Vi fann ikkje denne koden blant svara frå E2E-A i kommunen.').first().waitFor();
    await check(page, 'linking step, wrong earlier receipt');
    await screenshot(page, 'linking-wrong-receipt-nn-phone');
    await page.locator('#earlier-receipt').fill(first.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Sjekk koden' }).click();
    await page.getByText('Koden stemmer. Svara blir kopla når du sender inn.').waitFor();
    await answerCodeQuestions(page);
    await check(page, 'linking step, receipt found');
    await screenshot(page, 'linking-receipt-found-nn-phone');
    const second = await send(page, 'nn');
    await page.getByText(T.nn.linked).waitFor();

    // The receipt page, from the thank-you page's link.
    await page.getByRole('link', { name: 'Gå til sida der du kan sjå eller trekkje tilbake svara' }).click();
    await page.locator('#receipt-code').waitFor();
    await check(page, 'receipt page nn');
    await screenshot(page, 'receipt-enter-nn-phone');
    await openReceiptPage(page, second, 'nn');
    await page.getByRole('heading', { name: 'Svara dine frå E2E-B', level: 1 }).waitFor();
    await page.getByText('Svara er kopla til svaret ditt i ein annan kartleggingsrunde.', { exact: false }).waitFor();
    await withdraw(page, 'nn', 'receipt-nn-phone');

    // Both waves are gone: the first receipt finds nothing any more, and says no more than that.
    await page.goto(`${base}/kvittering`);
    await openReceiptPage(page, first, 'nn');
    await page.getByText(T.nn.notFound).first().waitFor();
    await check(page, 'receipt page, code not found');
    await context.close();
  });
});

describe('a respondent who lets the browser remember them (bokmål, phone)', () => {
  it('links the next wave by the remembered browser, reaches every receipt action by keyboard, and withdraws with the earlier receipt', async () => {
    const context = await phone('nb');
    const page = await context.newPage();
    await startSurvey(page, tokens.a, 'nb');
    await answerUntilLinking(page, 'nb');
    await page.getByLabel(T.nb.remember).check();
    const first = await send(page, 'nb');
    const token = await page.evaluate(() => localStorage.getItem('digikompass.deviceToken'));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.getByText('Denne nettleseren husker deg, så neste svar herfra kan kobles til dette.').waitFor();

    // Every action on the thank-you page by keyboard, in order; the links carry the code and the receipt page.
    const reached: string[] = [];
    await page.locator('main h1').focus();
    for (let i = 0; i < 12 && reached.length < 5; i++) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
      if (['Kopier koden', 'Skriv ut', 'Send til meg selv på e-post', 'Send til meg selv på SMS', 'Gå til siden der du kan se eller trekke tilbake svarene'].includes(text)) reached.push(text);
    }
    expect(reached).toEqual(['Kopier koden', 'Skriv ut', 'Send til meg selv på e-post', 'Send til meg selv på SMS', 'Gå til siden der du kan se eller trekke tilbake svarene']);
    const mailto = new URL((await page.getByRole('link', { name: 'Send til meg selv på e-post' }).getAttribute('href'))!);
    expect(mailto.protocol).toBe('mailto:');
    expect(mailto.searchParams.get('subject')).toBe('Kvitteringskoden min fra Digikompass');
    expect(mailto.searchParams.get('body')).toContain(first);
    expect(mailto.searchParams.get('body')).toContain(`${base}/kvittering`);
    const sms = (await page.getByRole('link', { name: 'Send til meg selv på SMS' }).getAttribute('href'))!;
    expect(sms.startsWith('sms:?&body=')).toBe(true);
    expect(decodeURIComponent(sms.slice('sms:?&body='.length))).toContain(first);
    // On paper only the receipt card is left.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('main h1').isVisible()).toBe(false);
    expect(await page.locator('.code--receipt').isVisible()).toBe(true);
    expect(await page.locator('.receipt .ds-button').first().isVisible()).toBe(false);
    await screenshot(page, 'receipt-thanks-print');
    await page.emulateMedia({ media: 'screen' });

    await startSurvey(page, tokens.b, 'nb');
    await answerUntilLinking(page, 'nb');
    await page.getByLabel(T.nb.device).check();
    await check(page, 'linking step with a remembered browser');
    await screenshot(page, 'linking-remembered-nb-phone');
    await send(page, 'nb');
    await page.getByText(T.nb.linked).waitFor();

    // The earlier wave's receipt finds the chain too; withdrawing removes both.
    await openReceiptPage(page, `  ${first.toLowerCase()} `, 'nb');
    await page.getByRole('heading', { name: 'Svarene dine fra E2E-A', level: 1 }).waitFor();
    await page.getByText('Svarene er koblet til svaret ditt i en annen kartleggingsrunde.', { exact: false }).waitFor();
    await withdraw(page, 'nb', 'receipt-nb-phone');
    await context.close();
  });

  it('says "try again later" once a code has been tried too often, and nothing about other codes', async () => {
    const context = await phone('nb');
    const page = await context.newPage();
    // A code of its own, so that no other try (or an earlier run against the same server) has counted against it.
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const wrong = Array.from(crypto.getRandomValues(new Uint8Array(20)), (b) => alphabet[b % 32]).join('').match(/.{4}/g)!.join('-');
    // The server allows ten tries per code in fifteen minutes.
    for (let i = 0; i < 10; i++) expect((await page.request.post(`${base}/api/v1/receipts/lookup`, { data: { receiptCode: wrong } })).status()).toBe(404);
    await page.goto(`${base}/kvittering`);
    await openReceiptPage(page, wrong, 'nb');
    await page.getByText(/for mange forsøk/).first().waitFor();
    await check(page, 'receipt page, too many tries');
    await screenshot(page, 'receipt-too-many-nb-phone');
    await context.close();
  });
});

describe('matching by the code questions', () => {
  it('links two answers with the same code when the administrator matches the wave', async () => {
    for (const token of [tokens.a, tokens.b]) {
      const context = await phone('nn');
      const page = await context.newPage();
      await startSurvey(page, token, 'nn');
      await answerUntilLinking(page, 'nn');
      await answerCodeQuestions(page);
      await send(page, 'nn');
      await context.close();
    }
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'nb-NO', reducedMotion: 'reduce', storageState: await admin.storageState() });
    const page = await context.newPage();
    await page.goto(`${base}/admin`);
    await page.getByRole('heading', { name: 'Administrasjon', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Kobling over tid' }).click();
    await page.locator('#linking-wave').selectOption(waveB.id);
    const gol = page.locator('table.linking-table tbody tr').filter({ hasText: 'Gol' });
    await gol.waitFor();
    // Columns: answers, receipt, browser, code questions, not linked, possible duplicates.
    const cells = async () => (await gol.locator('td').allTextContents()).map((s) => s.replace(/\s/g, ' ').trim());
    expect((await cells())[3]).toMatch(/^0\b/);
    await page.getByRole('button', { name: 'Koble med kodespørsmålene nå' }).click();
    await page.getByText('Kodespørsmålene er sammenlignet').waitFor();
    expect((await cells())[0]).toBe('1');
    expect((await cells())[3]).toBe('1 (100 %)');
    await expectAccessible(page, 'admin linking tab');
    await screenshot(page, 'admin-linking');
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});
