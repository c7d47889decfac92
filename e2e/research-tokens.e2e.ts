// The researcher's microdata preview and API tokens in Chromium on the demo data: pages of pseudonymised rows
// (every read logged), a token made (shown once, with copy), used from outside the browser, listed with its
// last use, revoked through the confirmation dialog and then refused. axe on each step.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, expectAccessible, launchBrowser, logInWithForm, newContext, screenshot } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser, DESKTOP, 'nb-NO');
  page = await context.newPage();
  await logInWithForm(page, base, 'forskar@digikompass.test', 'demo-forskar-2026');
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function openTab(name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.waitForLoadState('networkidle');
}

/** A request from a research tool: the token only, no cookie. */
const withToken = (url: string, token: string) => fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });

describe('researcher access', () => {
  it('pages through the pseudonymised microdata, told that every read is logged', async () => {
    await page.goto(`${base}/research`);
    await page.getByRole('heading', { name: 'Forskning', level: 1 }).waitFor();
    await openTab('Mikrodata');
    await page.getByText('Hver gang du leser disse svarene, logges det').waitFor();
    const table = page.locator('table.microdata-table');
    await table.waitFor();
    await expect.poll(async () => (await table.locator('caption').textContent()) ?? '').toMatch(/^Svar 1–20 av \d/);
    expect(await table.locator('thead').textContent()).toContain('person_id');
    expect(await table.locator('tbody tr').count()).toBe(20);
    expect(await table.locator('tbody tr').first().textContent()).toMatch(/p[0-9a-f]{16}/);
    await expectAccessible(page, 'research: microdata');
    await screenshot(page, 'research-microdata-nb');
    await page.getByRole('button', { name: 'Neste side' }).click();
    await expect.poll(async () => (await table.locator('caption').textContent()) ?? '').toMatch(/^Svar 21–40 av \d/);
  });

  it('makes an API token, shows it once, lists its last use, and revokes it after a confirmation', async () => {
    const projectId = new URL(page.url()).searchParams.get('project');
    expect(projectId).toMatch(/^[0-9a-f-]{36}$/);
    await openTab('API-nøkler');
    await page.getByLabel('Navn', { exact: true }).fill('R på laptopen');
    await page.getByRole('button', { name: 'Lag nøkkel' }).click();
    const shown = page.locator('code.research-token-value');
    await shown.waitFor();
    const token = ((await shown.textContent()) ?? '').trim();
    expect(token).toMatch(/^dkr_[A-Za-z0-9_-]{43}$/);
    await page.getByText('Den vises bare denne ene gangen').waitFor();
    await page.getByRole('button', { name: 'Kopier nøkkelen' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'R på laptopen' });
    expect(await row.getByText('Aldri').count()).toBe(1);
    await expectAccessible(page, 'research: API tokens, a new one shown');
    await screenshot(page, 'research-tokens-nb');

    // A research tool uses it: microdata and the export of this project, nothing else.
    const micro = await withToken(`/api/v1/projects/${projectId}/microdata?limit=2`, token);
    expect(micro.status).toBe(200);
    expect(((await micro.json()) as { rows: unknown[] }).rows).toHaveLength(2);
    expect((await withToken('/api/v1/accounts', token)).status).toBe(403);

    // Listed with its last use, never again with the token.
    await page.reload();
    // (generous: on a loaded machine the page's first requests after a reload can take a while)
    await page.getByRole('row').filter({ hasText: 'R på laptopen' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('row').filter({ hasText: 'R på laptopen' }).getByText('Aldri').count()).toBe(0);
    expect(await page.locator('code.research-token-value').count()).toBe(0);

    await page.getByRole('button', { name: 'Trekk tilbake R på laptopen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trekke tilbake nøkkelen R på laptopen?' });
    await dialog.waitFor();
    await expectAccessible(page, 'research: revoke dialog');
    await dialog.getByRole('button', { name: 'Trekk tilbake nøkkelen' }).click();
    await page.getByText('Nøkkelen R på laptopen er trukket tilbake.').waitFor();
    await page.getByRole('row').filter({ hasText: 'R på laptopen' }).getByText(/^Trukket tilbake/).waitFor();
    expect((await withToken(`/api/v1/projects/${projectId}/microdata?limit=2`, token)).status).toBe(401);
    await expectAccessible(page, 'research: API tokens after revoking');
  });
});
