// The research export in Chromium: the platform admin picks a project, a wave and a language, sees the
// download's progress and gets the ZIP; the panel passes axe in nb, nn and en.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
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

describe('research export', () => {
  it('downloads the demo project as a ZIP with data and syntax, in the chosen language', async () => {
    const context = await newContext(browser, DESKTOP, 'nb-NO');
    const page = await context.newPage();
    await logInByApi(page.request, base, 'admin@digikompass.test', 'demo-admin-2026');
    await page.goto(`${base}/admin?tab=export`);
    await page.locator('#export-project').waitFor();
    await expectAccessible(page, 'export panel (nb)');

    // All waves, labels in nynorsk.
    await page.locator('#export-language').selectOption('nn');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Eksporter', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^digikompass-.+-all-\d{4}-\d\d-\d\d\.zip$/);
    const status = page.getByRole('status').filter({ hasText: 'Ferdig' });
    await status.waitFor();
    const done = (await status.textContent()) ?? '';
    // "Ferdig: <file> (1,2 MB, 1 234 svar) er lastet ned." — thousands grouped with a (narrow) no-break space.
    const rows = Number(/, ([\d\s\u00a0\u202f]+?) svar\)/.exec(done)?.[1]?.replace(/[\s\u00a0\u202f]/g, ''));
    expect(rows).toBeGreaterThan(0);
    await expectAccessible(page, 'export panel after a download');
    await screenshot(page, 'admin-export-done');

    const files = unzipSync(new Uint8Array(readFileSync((await file.path())!)));
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'codebook.html', 'codebook.json', 'data.csv', 'data.xlsx', 'digikompass.R', 'digikompass.do', 'digikompass.sps']);
    expect(strFromU8(files['data.csv']!).trimEnd().split('\n')).toHaveLength(rows + 1);
    expect(strFromU8(files['codebook.html']!)).toContain('<html lang="nn">');
    await context.close();
  });

  it('reads well on a phone in nynorsk and English', async () => {
    const context = await newContext(browser, PHONE, 'nb-NO');
    const page = await context.newPage();
    await logInByApi(page.request, base, 'admin@digikompass.test', 'demo-admin-2026');
    for (const [lang, button] of [['nn', 'Eksporter'], ['en', 'Export']] as const) {
      await page.goto(`${base}/admin?tab=export`);
      await page.evaluate((l) => localStorage.setItem('digikompass.language', l), lang);
      await page.reload();
      await page.locator('#export-project').waitFor();
      expect(await page.getByRole('button', { name: button, exact: true }).count()).toBe(1);
      expect(await page.locator('#export-language').inputValue()).toBe(lang);
      await expectAccessible(page, `export panel (${lang}, phone)`);
      await expectNoHorizontalScroll(page);
      await screenshot(page, `admin-export-${lang}-phone`);
    }
    await context.close();
  });
});
