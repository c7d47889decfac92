// Importing responses in Chromium: the demo researcher downloads a wave's template, checks a file with a
// problem and sees the problem's row and column, corrects the file, checks it again and imports it after
// confirming; axe on every step, and on a phone in nynorsk.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, expectNoHorizontalScroll, launchBrowser, logInByApi, newContext, screenshot } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** As Excel in Norway saves it: semicolons, CRLF, a BOM. Nissedal (4030) is in no other browser test. */
const csv = (rows: string[]) => Buffer.from(`\uFEFF${['municipality_code;unit;profession;care_01;care_02', ...rows].join('\r\n')}\r\n`, 'utf8');
const withProblem = csv(['4030;Heimetenesta;2;4;5', '4030;Kjøkkenet;9;4;4']);
const corrected = csv(['4030;Heimetenesta;2;4;5', '4030;Nissedal sjukeheim;1;4;4']);

describe('importing responses', () => {
  it('shows a file’s problems by row and column, and imports the corrected file after a confirmation', async () => {
    const context = await newContext(browser, DESKTOP, 'nb-NO');
    const page = await context.newPage();
    await logInByApi(page.request, base, 'forskar@digikompass.test', 'demo-forskar-2026');
    await page.goto(`${base}/research?tab=import`);
    await page.locator('#import-wave').waitFor();
    await expectAccessible(page, 'import panel (nb)');

    // The open wave T1, and its template.
    const t1 = await page.locator('#import-wave option').filter({ hasText: 'T1' }).getAttribute('value');
    await page.locator('#import-wave').selectOption(t1!);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /Last ned malen for T1/ }).click();
    const template = await download;
    expect(template.suggestedFilename()).toBe('digikompass-import-t1.csv');
    const header = await page.request.get(`${base}/api/v1/waves/${t1}/import/template.csv`);
    expect((await header.text()).replace(/^\uFEFF/, '').split(',').slice(0, 5)).toEqual(['municipality_code', 'unit', 'form', 'language', 'submitted_on']);

    // A file with problems in row 3.
    await page.locator('#import-file').setInputFiles({ name: 'papirskjema.csv', mimeType: 'text/csv', buffer: withProblem });
    await page.getByRole('button', { name: 'Sjekk filen' }).click();
    const problems = page.locator('#import-problems-caption').locator('xpath=ancestor::table');
    await problems.waitFor();
    const rows = await problems.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['3', 'unit', 'Kjøkkenet'],
      ['3', 'profession', '9'],
    ]);
    expect(rows[0]![3]).toBe('Kommunen har ingen enhet med dette navnet.');
    expect(await page.getByRole('button', { name: /^Importer/ }).count()).toBe(0);
    await expectAccessible(page, 'import panel with problems');
    await screenshot(page, 'research-import-problems');

    // Corrected: ready, then imported after the confirmation.
    await page.locator('#import-file').setInputFiles({ name: 'papirskjema.csv', mimeType: 'text/csv', buffer: corrected });
    await page.getByRole('button', { name: 'Sjekk filen' }).click();
    await page.getByText('2 rader er klare til import.').waitFor();
    await page.getByRole('button', { name: 'Importer 2 svar' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Importere 2 svar til T1?' }).waitFor();
    await expectAccessible(page, 'import confirmation');
    await screenshot(page, 'research-import-confirm');
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { name: '2 svar ble importert til T1.' }).waitFor();
    await expectAccessible(page, 'import done');
    await screenshot(page, 'research-import-done');

    // The same file again is checked anew: the rows are valid (duplicates are looked for within a file only).
    const again = await page.request.post(`${base}/api/v1/waves/${t1}/import?dryRun=true`, {
      data: corrected,
      headers: { 'content-type': 'text/csv', 'x-csrf-token': await csrf(page.request) },
    });
    expect(((await again.json()) as { ok: boolean }).ok).toBe(true);
    await context.close();
  });

  it('reads well on a phone in nynorsk', async () => {
    const context = await newContext(browser, PHONE, 'nn-NO');
    const page = await context.newPage();
    await logInByApi(page.request, base, 'admin@digikompass.test', 'demo-admin-2026');
    await page.goto(`${base}/research?tab=import`);
    await page.evaluate(() => localStorage.setItem('digikompass.language', 'nn'));
    await page.reload();
    await page.locator('#import-file').waitFor();
    await page.locator('#import-file').setInputFiles({ name: 'papirskjema.csv', mimeType: 'text/csv', buffer: withProblem });
    await page.getByRole('button', { name: 'Sjekk fila' }).click();
    await page.getByText('Kommunen har inga eining med dette namnet.').waitFor();
    await expectAccessible(page, 'import panel (nn, phone)');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'research-import-nn-phone');
    await context.close();
  });
});

async function csrf(request: import('playwright-core').APIRequestContext): Promise<string> {
  const session = await request.get(`${base}/api/v1/session`);
  return ((await session.json()) as { csrfToken: string }).csrfToken;
}
