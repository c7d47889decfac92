// Leaders and administrators in Chromium: the leader sees the count go up while a wave runs and
// protected results once it has closed; the administrator's pages pass axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SurveyInfo } from '../src/contracts/api.js';
import { DEMO_TOTP_SECRET } from '../src/server/db/seed/demo.js';
import { base32Decode, totp } from '../src/server/adapters/totp.js';
import { DESKTOP, PHONE, expectAccessible, expectNoHorizontalScroll, launchBrowser, logInWithForm, newContext, screenshot } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The login page: password, then the code from the authenticator (the demo accounts' public secret). */
async function logIn(page: Page, email: string, password: string) {
  await logInWithForm(page, base, email, password);
}

/** A submit through the API, as another employee's phone would. */
async function submitOne(token: string) {
  const info = (await (await fetch(`${base}/api/v1/survey/${token}`)).json()) as SurveyInfo;
  const res = await fetch(`${base}/api/v1/survey/${token}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ idempotencyKey: crypto.randomUUID(), consentVersion: info.consent.version, language: 'nb', unitId: info.units[0]!.id, answers: {} }),
  });
  expect(res.status).toBe(201);
}

async function totalResponses(page: Page): Promise<number> {
  const cell = page.locator('table.results-table tfoot tr, table.results-table tr').filter({ hasText: 'Hele kommunen' }).first().locator('td').nth(0);
  return Number(((await cell.textContent()) ?? '').replace(/\s/g, ''));
}

describe('municipality leader', () => {
  it('logs in, sees participation in the open wave go up, and protected results of the closed wave', async () => {
    const context = await newContext(browser, DESKTOP, 'nb-NO');
    const page = await context.newPage();
    await logIn(page, 'leder.gol@digikompass.test', 'demo-leder-2026');
    await page.getByRole('heading', { name: 'Resultater', level: 1 }).waitFor();
    await page.locator('table.results-table').first().waitFor();
    await expectAccessible(page, 'results, open wave');
    await screenshot(page, 'leader-participation');

    const before = await totalResponses(page);
    expect(before).toBeGreaterThan(0);
    await submitOne('demo-gol-t1');
    await page.getByRole('button', { name: 'Oppdater nå' }).click();
    await expect.poll(() => totalResponses(page)).toBe(before + 1);

    // The closed T0 wave: scores per area, small units shown as hidden with the reason, never a number.
    const waveSelect = page.locator('#results-wave');
    const t0 = await waveSelect.locator('option').filter({ hasText: 'T0' }).getAttribute('value');
    await waveSelect.selectOption(t0!);
    await page.locator('.scale-table').first().waitFor();
    expect(await page.locator('.scale-table').count()).toBeGreaterThan(2);
    expect(await page.getByText(/Skjult \(/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'results, closed wave');
    await screenshot(page, 'leader-results-closed');

    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'leader-results-phone');
    await context.close();
  });
});

/**
 * Logs in through the API in the page's context (its cookie jar), with the second factor where the
 * account has one: the demo accounts share a public TOTP secret, and a code works once per account.
 */
async function logInByApi(page: Page, email: string, password: string) {
  const res = await page.request.post(`${base}/api/v1/session`, { data: { email, password } });
  const body = (await res.json()) as { stage?: string; csrfToken: string };
  if (body.stage !== 'totp') return;
  for (let attempt = 0; ; attempt++) {
    const code = totp(base32Decode(DEMO_TOTP_SECRET), new Date());
    const done = await page.request.post(`${base}/api/v1/session/totp`, { data: { code }, headers: { 'x-csrf-token': body.csrfToken } });
    if (done.status() === 200) return;
    expect(attempt, await done.text()).toBeLessThan(2);
    await page.waitForTimeout(30_500 - (Date.now() % 30_000));
  }
}

describe('results of the closed wave on a phone', () => {
  it('explain the levels, show the short form apart, the local systems and the median answering time, in nn and nb', async () => {
    // One session for both languages (a second login would wait for the next two-factor code).
    const context = await newContext(browser, PHONE, 'nn-NO');
    const page = await context.newPage();
    await logInByApi(page, 'leder.gol@digikompass.test', 'demo-leder-2026');
    for (const lang of ['nn', 'nb'] as const) {
      await page.goto(`${base}/results`);
      await page.evaluate((l) => localStorage.setItem('digikompass.language', l), lang);
      await page.reload();
      const waveSelect = page.locator('#results-wave');
      await waveSelect.waitFor();
      const t0 = await waveSelect.locator('option').filter({ hasText: 'T0' }).getAttribute('value');
      await waveSelect.selectOption(t0!);
      await page.locator('.local-items').waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      const words = {
        nn: { levels: 'Kva nivåa tyder', beginner: 'Er ofte usikker og treng rettleiing', short: 'Resultat per område – Kortversjonen', local: 'Lokale system', minutes: /Fullt skjema: \d+(,\d)? minutt/ },
        nb: { levels: 'Hva nivåene betyr', beginner: 'Er ofte usikker og trenger veiledning', short: 'Resultater per område – Kortversjonen', local: 'Lokale systemer', minutes: /Fullt skjema: \d+(,\d)? minutter/ },
      }[lang];
      expect(text).toContain(words.levels);
      expect(text).toContain(words.beginner);
      expect(text).toMatch(words.minutes);
      expect(await page.getByRole('heading', { name: words.short }).count()).toBe(1);
      // The short form's scales are their own: none of the full form's scale headings repeat inside that part.
      const shortPart = page.locator('.other-form');
      expect(await shortPart.locator('.scale-table').count()).toBe(6);
      expect(await page.getByRole('heading', { name: words.local, exact: true }).count()).toBe(1);
      expect(await page.locator('.local-items table tbody tr').filter({ hasText: 'Gerica' }).count()).toBe(2);
      await expectAccessible(page, `results with levels, short form and local systems (${lang})`);
      await expectNoHorizontalScroll(page);
      await page.locator('.level-legend').first().evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${import.meta.dirname}/screenshots/leader-levels-${lang}-phone.png` });
      await page.locator('.local-items').evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${import.meta.dirname}/screenshots/leader-local-systems-${lang}-phone.png` });
    }
    await context.close();
  });
});

describe('platform admin', () => {
  it('reaches every administration tab, each free of axe violations', async () => {
    const context = await newContext(browser, DESKTOP, 'nb-NO');
    const page = await context.newPage();
    await logIn(page, 'admin@digikompass.test', 'demo-admin-2026');
    await page.getByRole('heading', { name: 'Administrasjon', level: 1 }).waitFor();
    for (const tab of ['Regioner', 'Kommuner', 'Enheter', 'Brukere', 'Kartleggingsrunder', 'Lokale systemer', 'Lenker og QR-koder']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `admin tab ${tab}`);
      await screenshot(page, `admin-${tab.toLowerCase().replace(/[^a-zæøå]+/g, '-')}`);
    }
    await context.close();
  });
});

describe('local systems in the administration', () => {
  it('adds a system for a municipality to a wave that has not opened, with errors at the field, and shows an opened wave as locked', async () => {
    const context = await newContext(browser, PHONE, 'nb-NO');
    const page = await context.newPage();
    await logInByApi(page, 'admin@digikompass.test', 'demo-admin-2026');
    const { csrfToken } = (await (await page.request.get(`${base}/api/v1/session`)).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    // A project of its own, so that the demo project's waves stay as they are for the other tests.
    const project = (await (await page.request.post(`${base}/api/v1/projects`, { headers, data: { name: 'Lokale system-test', endDate: '2030-12-31' } })).json()) as { id: string };
    const year = new Date().getUTCFullYear() + 1;
    const wave = (await (await page.request.post(`${base}/api/v1/waves`, {
      headers,
      data: { projectId: project.id, label: 'L1', instrumentId: 'digikompass', instrumentVersion: '1.0.0', opensAt: `${year}-10-01T06:00:00.000Z`, closesAt: `${year}-11-01T06:00:00.000Z` },
    })).json()) as { id: string };

    await page.goto(`${base}/admin?tab=local`);
    await page.locator('#local-wave').selectOption(wave.id);
    const gol = await page.locator('#local-municipality option').filter({ hasText: 'Gol' }).getAttribute('value');
    await page.locator('#local-municipality').selectOption(gol!);
    await page.getByText('Gol har ingen lokale systemer i denne runden.').waitFor();
    // A code with a capital letter and no names: errors at the fields and in the summary.
    await page.locator('#local-key').fill('Profil EPJ');
    await page.getByRole('button', { name: 'Legg til systemet' }).click();
    await page.getByText('Bruk bare små engelske bokstaver, sifre og understrek, og begynn med en bokstav.').first().waitFor();
    expect(await page.locator('#local-nb[aria-invalid=true]').count()).toBe(1);
    await page.locator('#local-key').fill('profil');
    await page.locator('#local-nb').fill('Profil (pasientjournalen)');
    await page.locator('#local-nn').fill('Profil (pasientjournalen)');
    await page.locator('#local-en').fill('Profil (the patient record)');
    await page.getByRole('button', { name: 'Legg til systemet' }).click();
    await page.getByText('Systemet er lagt til.').waitFor();
    await expect.poll(() => page.locator('#local-caption').count()).toBe(1);
    expect(await page.locator('table.admin-table').textContent()).toContain('Profil (the patient record)');
    await expectAccessible(page, 'admin local systems, a wave not yet open');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'admin-local-systems-phone');
    const items = (await (await page.request.get(`${base}/api/v1/waves/${wave.id}/local-items?municipalityId=${gol}`)).json()) as { key: string; itemIds: { use: string } }[];
    expect(items.map((i) => [i.key, i.itemIds.use])).toEqual([['profil', `local:${gol}:use_profil`]]);

    // The demo's T1 has opened: Gol's systems are shown, and cannot change.
    const t1 = await page.locator('#local-wave option').filter({ hasText: 'T1' }).first().getAttribute('value');
    await page.locator('#local-wave').selectOption(t1!);
    await page.getByText('Runden har åpnet for kommunen, så de lokale systemene kan ikke lenger endres.', { exact: false }).waitFor();
    expect(await page.locator('table.admin-table').textContent()).toContain('Gerica (pasientjournalen)');
    expect(await page.getByRole('button', { name: 'Legg til systemet' }).count()).toBe(0);
    await context.close();
  });
});
