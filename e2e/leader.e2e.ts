// Leaders, unit leaders, region coordinators and administrators in Chromium: the leader sees the count go
// up while a wave runs and the closed wave's frozen release in tabs (participation, scores, questions,
// technologies, training, change), in bokmål and nynorsk and on a phone; a unit leader sees their unit and the
// municipality, a region coordinator the region by municipality. axe on every tab; the administrator's pages too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Participation, SurveyInfo, Wave } from '../src/contracts/api.js';
import type { ReleaseView } from '../src/contracts/release.js';
import { DESKTOP, PHONE, expectAccessible, expectNoHorizontalScroll, launchBrowser, logInByApi as logInByApiAt, logInWithForm, newContext, screenshot } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LEADER = { email: 'leder.gol@digikompass.test', password: 'demo-leder-2026' };
const UNIT_LEADER = { email: 'heimetenesta.gol@digikompass.test', password: 'demo-eining-2026' };
const COORDINATOR = { email: 'koordinator.hallinghelse@digikompass.test', password: 'demo-region-2026' };
/** The results tabs by language, in order. */
const TABS = {
  nb: ['Deltakelse', 'Skårer', 'Spørsmål', 'Teknologier', 'Opplæring', 'Endring'],
  nn: ['Deltaking', 'Skårar', 'Spørsmål', 'Teknologiar', 'Opplæring', 'Endring'],
} as const;
/** Each tab's own heading (level 2), in the same order. */
const TAB_HEADINGS = {
  nb: ['Hvem som svarte', 'Skårer per område', 'Svar på spørsmålene', 'Teknologier', 'Opplæring', 'Endring'],
  nn: ['Kven som svarte', 'Skårar per område', 'Svar på spørsmåla', 'Teknologiar', 'Opplæring', 'Endring'],
} as const;
/** The releases are built by a job once the server has started: a test waits for them (a few minutes at most). */
const RELEASE_WAIT_MS = 6 * 60_000;

/** The login page: password, then the code from the authenticator (the demo accounts' public secret). */
async function logIn(page: Page, email: string, password: string) {
  await logInWithForm(page, base, email, password);
}

/** Logs in through the API in the page's context (its cookie jar), with the second factor where the account has one. */
async function logInByApi(page: Page, email: string, password: string) {
  await logInByApiAt(page.request, base, email, password);
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
  const cell = page.locator('table.live-participation tfoot tr').filter({ hasText: 'Hele kommunen' }).first().locator('td').nth(0);
  return Number(((await cell.textContent()) ?? '').replace(/\s/g, ''));
}

/** The id of the demo's wave with this label (the viewer's session). */
async function waveId(page: Page, label: string): Promise<string> {
  const waves = (await (await page.request.get(`${base}/api/v1/waves`)).json()) as Wave[];
  return waves.find((w) => w.label === label)!.id;
}

/** Waits until the wave's release is there for the viewer (e2e/global-setup.ts builds Gol's T0 before the tests). */
async function waitForRelease(page: Page, wave: string): Promise<ReleaseView> {
  const started = Date.now();
  for (;;) {
    const res = await page.request.get(`${base}/api/v1/waves/${wave}/release`);
    expect(res.status()).toBe(200);
    const view = (await res.json()) as ReleaseView;
    if (view.status === 'released') return view;
    expect(Date.now() - started, 'the release job has not built the release').toBeLessThan(RELEASE_WAIT_MS);
    await page.waitForTimeout(5_000);
  }
}

/** Opens each results tab by keyboard-reachable tab buttons, checks its heading and axe, and takes a screenshot. */
async function visitTabs(page: Page, lang: 'nb' | 'nn', shot: string) {
  for (const [i, name] of TABS[lang].entries()) {
    await page.getByRole('tab', { name, exact: true }).click();
    await page.getByRole('heading', { name: TAB_HEADINGS[lang][i], level: 2, exact: true }).waitFor();
    await expectAccessible(page, `${shot}: tab ${name}`);
    await expectNoHorizontalScroll(page);
    await screenshot(page, `${shot}-${i + 1}-${name.toLowerCase().replace(/[^a-zæøå]+/g, '-')}`);
  }
}

describe('municipality leader', () => {
  it('sees participation in the open wave go up, and the closed wave\'s protected release in tabs', { timeout: RELEASE_WAIT_MS + 120_000 }, async () => {
    const context = await newContext(browser, DESKTOP, 'nb-NO');
    const page = await context.newPage();
    await logIn(page, LEADER.email, LEADER.password);
    await page.getByRole('heading', { name: 'Resultater', level: 1 }).waitFor();
    await page.locator('table.live-participation').waitFor();
    // The open wave has no results yet: only the live count, and why.
    await page.getByRole('heading', { name: 'Resultatene er ikke klare ennå', level: 2 }).waitFor();
    await expectAccessible(page, 'results, open wave');
    await screenshot(page, 'leader-participation');
    // The response rate day by day, every day since the wave opened (those without responses too), also as a table.
    const byDay = page.locator('figure.chart-figure').filter({ hasText: 'Svarprosent dag for dag i T1: Hele kommunen' });
    await byDay.getByRole('img', { name: 'Svarprosent dag for dag i T1: Hele kommunen' }).waitFor();
    await byDay.getByRole('switch', { name: 'Vis som tabell' }).check();
    const { period } = (await (await page.request.get(`${base}/api/v1/waves/${await waveId(page, 'T1')}/participation`)).json()) as Participation;
    await expect.poll(() => byDay.locator('table tbody tr').count()).toBe((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 + 1);
    await expectAccessible(page, 'participation day by day as a table');

    const before = await totalResponses(page);
    expect(before).toBeGreaterThan(0);
    await submitOne('demo-gol-t1');
    await page.getByRole('button', { name: 'Oppdater nå' }).click();
    await expect.poll(() => totalResponses(page)).toBe(before + 1);

    // The closed T0 wave, once its release is built.
    const t0 = await waveId(page, 'T0');
    const view = await waitForRelease(page, t0);
    expect(view.subject.name).toBe('Gol');
    await page.locator('#results-wave').selectOption(t0);
    await page.getByRole('heading', { name: 'Gol – T0', level: 2 }).waitFor();
    await visitTabs(page, 'nb', 'leader-nb');

    // Scores: the municipality, its units and the comparison populations, with hidden figures marked, never 0.
    await page.getByRole('tab', { name: 'Skårer', exact: true }).click();
    const firstChart = page.locator('figure.chart-figure').first();
    await expect.poll(async () => (await page.getByRole('tabpanel').textContent()) ?? '').toMatch(/Gol \(n\s=\s\d+\)/);
    const chartText = (await page.getByRole('tabpanel').textContent()) ?? '';
    expect(chartText).toContain('Andre kommuner i regionen');
    expect(chartText).toContain('Kommuner utenfor regionen');
    expect(await page.getByText(/Skjult \(/).count()).toBeGreaterThan(0);
    // The same chart as a table: the confidence interval and the base n per row.
    await firstChart.getByRole('switch', { name: 'Vis som tabell' }).check();
    await firstChart.locator('table').getByRole('columnheader', { name: '95 % konfidensintervall' }).waitFor();
    await expectAccessible(page, 'scores as a table');

    // Questions: a withheld count has a mark whose reason a screen reader reads; the legend explains the marks.
    await page.getByRole('tab', { name: 'Spørsmål', exact: true }).click();
    await page.locator('.item-table .withheld').first().waitFor();
    expect(await page.locator('.item-table .withheld .ds-sr-only').first().textContent()).toMatch(/^Skjult \(|^Alle|^Ingen/);
    await page.getByText('Slik leser du merkene for skjulte tall').click();
    await page.getByText('Færre enn 5 (kanskje ingen).').waitFor();
    await expectAccessible(page, 'questions with the legend open');

    // A phone: the tables scroll inside their own boxes, the page does not.
    await page.setViewportSize(PHONE);
    await page.getByRole('tab', { name: 'Teknologier', exact: true }).click();
    await page.locator('table.heatmap').first().waitFor();
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'leader-technologies-phone');
    await context.close();
  });
});

describe('results of the closed wave on a phone', () => {
  it('explain the levels, show the short form apart, the local systems and the median answering time, in nn and nb', { timeout: RELEASE_WAIT_MS + 180_000 }, async () => {
    const context = await newContext(browser, PHONE, 'nn-NO');
    const page = await context.newPage();
    await logInByApi(page, LEADER.email, LEADER.password);
    const t0 = await waveId(page, 'T0');
    await waitForRelease(page, t0);
    for (const lang of ['nn', 'nb'] as const) {
      await page.goto(`${base}/results?wave=${t0}`);
      await page.evaluate((l) => localStorage.setItem('digikompass.language', l), lang);
      await page.reload();
      await page.getByRole('heading', { name: 'Gol – T0', level: 2 }).waitFor();
      const words = {
        nn: { levels: 'Kva nivåa tyder', beginner: 'Er ofte usikker og treng rettleiing', short: 'Skjema: Kortversjonen', local: 'Lokale system', minutes: /Fullt skjema: \d+(,\d)? minutt/ },
        nb: { levels: 'Hva nivåene betyr', beginner: 'Er ofte usikker og trenger veiledning', short: 'Skjema: Kortversjonen', local: 'Lokale systemer', minutes: /Fullt skjema: \d+(,\d)? minutter/ },
      }[lang];
      await visitTabs(page, lang, `leader-${lang}-phone`);

      await page.getByRole('tab', { name: TABS[lang][0], exact: true }).click();
      await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toMatch(words.minutes);

      await page.getByRole('tab', { name: TABS[lang][1], exact: true }).click();
      const scores = (await page.locator('main').textContent()) ?? '';
      expect(scores).toContain(words.levels);
      expect(scores).toContain(words.beginner);
      // The short form's scales are their own part.
      expect(await page.getByRole('heading', { name: words.short, level: 3 }).count()).toBe(1);
      await page.locator('.level-legend').first().evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${import.meta.dirname}/screenshots/leader-levels-${lang}-phone.png` });

      await page.getByRole('tab', { name: TABS[lang][3], exact: true }).click();
      expect(await page.getByRole('heading', { name: words.local, exact: true }).count()).toBe(1);
      expect(await page.locator('.local-items table tbody tr').filter({ hasText: 'Gerica' }).count()).toBe(2);
      await page.locator('.local-items').evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${import.meta.dirname}/screenshots/leader-local-systems-${lang}-phone.png` });
    }
    await context.close();
  });
});

describe('unit leader', () => {
  it('logs in without a second step and sees their unit beside the whole municipality', { timeout: RELEASE_WAIT_MS + 120_000 }, async () => {
    const context = await newContext(browser, PHONE, 'nb-NO');
    const page = await context.newPage();
    await logIn(page, UNIT_LEADER.email, UNIT_LEADER.password);
    await page.waitForURL(/\/results/);
    const t0 = await waveId(page, 'T0');
    const view = await waitForRelease(page, t0);
    expect(view.unitId).not.toBeNull();
    // The closed wave is the one shown first to those who see only released results.
    await page.goto(`${base}/results`);
    await page.getByRole('heading', { name: 'Gol – T0', level: 2 }).waitFor();
    await page.getByText('Du ser resultatene for enheten din, Heimetenesta, og for hele Gol.').waitFor();
    await visitTabs(page, 'nb', 'unit-leader-nb-phone');
    // Participation: only their own unit's row (other units are not in their copy of the release).
    await page.getByRole('tab', { name: 'Deltakelse', exact: true }).click();
    const unitTable = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'Enhet', exact: true }) });
    expect(await unitTable.locator('tbody tr').count()).toBe(1);
    expect(await unitTable.locator('tbody tr').first().textContent()).toContain('Heimetenesta');
    expect(await page.getByRole('heading', { name: 'Svar så langt' }).count()).toBe(0);
    await context.close();
  });
});

describe('region coordinator', () => {
  it('sees the region with a row per member municipality, in nynorsk', { timeout: RELEASE_WAIT_MS + 120_000 }, async () => {
    const context = await newContext(browser, DESKTOP, 'nn-NO');
    const page = await context.newPage();
    await logIn(page, COORDINATOR.email, COORDINATOR.password);
    await page.waitForURL(/\/results/);
    const t0 = await waveId(page, 'T0');
    const view = await waitForRelease(page, t0);
    expect(view.subject.kind).toBe('region');
    await page.evaluate(() => localStorage.setItem('digikompass.language', 'nn'));
    await page.goto(`${base}/results?wave=${t0}`);
    await page.getByRole('heading', { name: 'Regionen Hallinghelse – T0', level: 2 }).waitFor();
    await visitTabs(page, 'nn', 'coordinator-nn');
    // Participation: the member municipalities that take part in comparisons (Flå does not).
    await page.getByRole('tab', { name: 'Deltaking', exact: true }).click();
    const table = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'Kommune', exact: true }) });
    const rows = (await table.locator('tbody tr th').allTextContents()).map((s) => s.trim());
    expect(rows).toEqual(expect.arrayContaining(['Gol', 'Hol', 'Ål']));
    expect(rows).not.toContain('Flå');
    // Scores by municipality, with the municipalities outside the region to compare.
    await page.getByRole('tab', { name: 'Skårar', exact: true }).click();
    await expect.poll(async () => (await page.getByRole('tabpanel').textContent()) ?? '').toContain('Kommunar utanfor regionen');
    const text = (await page.getByRole('tabpanel').textContent()) ?? '';
    expect(text).toMatch(/Gol \(n\s=\s\d+\)/);
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'coordinator-scores-nn-phone');
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
