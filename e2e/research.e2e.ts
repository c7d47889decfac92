// The researcher in Chromium on the demo data: psychometrics, paired change (pairs > 0, small groups hidden),
// the sample description in bokmål and nynorsk with decimal commas, print view, export tab; axe on every tab.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, expectNoHorizontalScroll, launchBrowser, logInWithForm, newContext, screenshot } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  // One login for the whole file (a code works once per account and 30 seconds).
  context = await newContext(browser, DESKTOP, 'nb-NO');
  page = await context.newPage();
  await logInWithForm(page, base, 'forskar@digikompass.test', 'demo-forskar-2026');
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const mainText = async () => (await page.locator('main').textContent()) ?? '';

/** The research page afresh (each test can run alone: the session stays in the context). */
async function openResearch() {
  await page.goto(`${base}/research`);
  await page.getByRole('heading', { name: 'Forskning', level: 1 }).waitFor();
}

async function openTab(name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.waitForLoadState('networkidle');
}

describe('researcher', () => {
  it('reaches the research page from the menu and sees the psychometrics of the closed wave', async () => {
    await page.getByRole('link', { name: 'Forskning', exact: true }).click();
    await page.getByRole('heading', { name: 'Forskning', level: 1 }).waitFor();
    const table = page.locator('table.research-table').first();
    await table.waitFor();
    await expect.poll(async () => (await table.locator('caption').textContent()) ?? '').toMatch(/^Hver skala i T0, Fullt skjema/);
    // Alpha and its Feldt interval with decimal commas, e.g. 0,87 [0,86; 0,88]; omega too.
    const first = table.locator('tbody tr').first();
    const cells = await first.locator('td').allTextContents();
    expect(cells[8]).toMatch(/^0,\d\d \[0,\d\d; 0,\d\d\]$/);
    expect(cells[9]).toMatch(/^0,\d\d$/);
    // Complete cases use fewer respondents than pairwise.
    const pairwiseN = Number(cells[7]!.replace(/\s/g, ''));
    await page.getByLabel('Bare komplette svar').check();
    await expect.poll(async () => Number(((await first.locator('td').nth(7).textContent()) ?? '').replace(/\s/g, ''))).toBeLessThan(pairwiseN);
    // The items of a scale open in a disclosure, with the reversed one marked.
    await page.locator('details summary').first().click();
    await page.locator('details table').first().waitFor();
    expect(await mainText()).toContain('(snudd)');
    expect(await page.getByRole('heading', { name: /^Kortversjonen/ }).count()).toBe(1);
    await expectAccessible(page, 'research: psychometrics');
    await screenshot(page, 'research-psychometrics');
  });

  it('shows paired change from T0 to T1 with linked pairs, and hides groups below k', async () => {
    await openResearch();
    await openTab('Endring');
    await page.getByRole('heading', { name: 'Koblede par', level: 2 }).waitFor();
    const linked = /Koblede personer fra T0 til T1: (\d+)/.exec(await mainText());
    expect(Number(linked?.[1])).toBeGreaterThan(0);
    const paired = page.locator('table.research-table').filter({ has: page.locator('caption', { hasText: 'Endring for koblede par' }) });
    const pairs = Number(((await paired.locator('tbody tr').first().locator('td').first().textContent()) ?? '').replace(/\s/g, ''));
    expect(pairs).toBeGreaterThan(0);
    // The chart of the pairs' means is there, with its table view.
    expect(await page.locator('figure svg[role="img"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'research: change, whole project');
    await screenshot(page, 'research-change');

    await page.locator('#change-by').selectOption('unit');
    await page.locator('#change-scale').waitFor();
    await expect.poll(async () => page.getByText('Skjult (færre enn 5)').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'research: change by unit');
    await screenshot(page, 'research-change-by-unit');
  });

  it('prints the sample description by profession, with decimal commas in bokmål and nynorsk', async () => {
    await openResearch();
    await openTab('Beskrivelse av utvalget');
    await page.locator('table.sample-table').waitFor();
    await page.locator('#sample-by').selectOption('dk:profession');
    await expect.poll(async () => page.locator('table.sample-table caption').textContent()).toMatch(/etter kommune og «Hva er yrket ditt\?»/);
    const table = page.locator('table.sample-table');
    const total = table.locator('tbody tr').first();
    expect(await total.locator('th').textContent()).toBe('Totalt');
    expect(Number(((await total.locator('td').first().textContent()) ?? '').replace(/\s/g, ''))).toBeGreaterThan(1000);
    // Hours of training: mean (min | max) with a decimal comma; categories n (%).
    expect(await table.textContent()).toMatch(/\d+,\d \(\d+ \| \d+\)/);
    expect(await table.textContent()).toMatch(/\d+ \(\d+\)/);
    expect(await table.locator('tbody tr.sample-row--group').count()).toBeGreaterThan(12);
    await expectAccessible(page, 'research: sample description (nb)');
    await screenshot(page, 'research-sample-nb');

    // Median (P25–P75)
    await page.getByLabel('Median (P25–P75)').check();
    await expect.poll(async () => (await table.textContent()) ?? '').toMatch(/\d+(,\d)? \(\d+(,\d)?–\d+(,\d)?\)/);

    // The CSV download is the same table, UTF-8 with a byte-order mark.
    const href = await page.getByRole('link', { name: 'Last ned som CSV' }).getAttribute('href');
    const csv = await page.request.get(`${base}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    // Print: only the table and its notes.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.research-filters').first().isVisible()).toBe(false);
    expect(await page.getByRole('tablist').isVisible()).toBe(false);
    expect(await table.isVisible()).toBe(true);
    await screenshot(page, 'research-sample-print');
    await page.emulateMedia({ media: 'screen' });

    await page.locator('.language-chooser').getByText('Nynorsk').click();
    await page.getByRole('heading', { name: 'Forsking', level: 1 }).waitFor();
    await expect.poll(async () => table.locator('caption').textContent()).toMatch(/^Skildring av utvalet, T0/);
    expect(await total.locator('th').textContent()).toBe('Totalt');
    expect(await table.textContent()).toMatch(/\d+,\d \(\d+(,\d)?–\d+(,\d)?\)/);
    expect(await mainText()).toContain('Kva er yrket ditt?');
    await expectAccessible(page, 'research: sample description (nn)');
    await screenshot(page, 'research-sample-nn');
    await page.locator('.language-chooser').getByText('Bokmål').click();
    await page.getByRole('heading', { name: 'Forskning', level: 1 }).waitFor();
  });

  it('offers the export of the chosen project', async () => {
    await openResearch();
    await openTab('Eksport');
    await page.getByRole('button', { name: 'Eksporter' }).waitFor();
    expect(await page.locator('#export-project').count()).toBe(0);
    await expectAccessible(page, 'research: export');
  });

  it('fits a phone', async () => {
    await page.setViewportSize(PHONE);
    await openResearch();
    await openTab('Endring');
    await page.getByRole('heading', { name: 'Koblede par', level: 2 }).waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'research: change on a phone');
    await screenshot(page, 'research-change-phone');
    await openTab('Beskrivelse av utvalget');
    await page.locator('table.sample-table').waitFor();
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'research-sample-phone');
  });
});
