// Leaders and administrators in Chromium: the leader sees the count go up while a wave runs and
// protected results once it has closed; the administrator's pages pass axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SurveyInfo } from '../src/contracts/api.js';
import { DESKTOP, PHONE, expectAccessible, expectNoHorizontalScroll, launchBrowser, newContext, screenshot } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page, email: string, password: string) {
  await page.goto(`${base}/login`);
  await page.locator('h1').waitFor();
  await expectAccessible(page, 'login page');
  await page.getByLabel('E-post').fill(email);
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).last().click();
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

describe('platform admin', () => {
  it('reaches every administration tab, each free of axe violations', async () => {
    const context = await newContext(browser, DESKTOP, 'nb-NO');
    const page = await context.newPage();
    await logIn(page, 'admin@digikompass.test', 'demo-admin-2026');
    await page.getByRole('heading', { name: 'Administrasjon', level: 1 }).waitFor();
    for (const tab of ['Regioner', 'Kommuner', 'Enheter', 'Brukere', 'Kartleggingsrunder', 'Lenker og QR-koder']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `admin tab ${tab}`);
      await screenshot(page, `admin-${tab.toLowerCase().replace(/[^a-zæøå]+/g, '-')}`);
    }
    await context.close();
  });
});
