// The charts (src/web/components/charts) in Chromium, on the demo page with made-up data: axe in chart and
// table mode, the switch by keyboard, no sideways scrolling at 320 px (also with larger text), print, and
// screenshots at 360 px in bokmål and nynorsk. The demo page is its own Vite entry, built here into a temp
// folder and served with the app's Content-Security-Policy, so it never ships in the production build.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES } from '../src/server/app.js';
import { DESKTOP, NARROW, PHONE, expectAccessible, expectNoHorizontalScroll, launchBrowser, newContext, screenshot } from './browser.js';

const demoRoot = join(import.meta.dirname, '../src/web/components/charts/demo');
let outDir: string;
let server: Server;
let base: string;
let browser: Browser;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.svg': 'image/svg+xml', '.map': 'application/json' };
const csp = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
  .join('; ');

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'dk-charts-'));
  await build({ root: demoRoot, configFile: false, logLevel: 'warn', plugins: [react()], build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 2000 } });
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(outDir, path);
    if (!file.startsWith(outDir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) file = join(outDir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': csp });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Open the demo; every problem the page reports (a CSP refusal, a React error) fails the test. */
async function openDemo(language: 'nb' | 'nn', viewport = PHONE): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await newContext(browser, viewport, language === 'nn' ? 'nn-NO' : 'nb-NO');
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(base);
  await page.locator('svg[role="img"]').first().waitFor();
  await page.evaluate(() => document.fonts.ready);
  return { page, problems, close: () => context.close() };
}

const switches = (page: Page) => page.getByRole('switch');

async function setAllSwitches(page: Page, on: boolean) {
  const all = await switches(page).all();
  for (const one of all) {
    if ((await one.isChecked()) !== on) {
      await one.focus();
      await page.keyboard.press('Space');
    }
  }
}

/** Text inside the charts must stay inside their SVG (nothing cut off at the edge). */
async function expectTextInsideCharts(page: Page) {
  const spill = await page.evaluate(() =>
    [...document.querySelectorAll('svg[role="img"]')].flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')]
        .map((text) => ({ text: text.textContent, r: text.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1))
        .map(({ text, r }) => `${text} (${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(box.left)}–${Math.round(box.right)})`);
    }),
  );
  expect(spill).toEqual([]);
}

describe('charts', () => {
  for (const language of ['nb', 'nn'] as const) {
    it(`pass axe in chart and table mode at 360 px, in ${language}`, async () => {
      const { page, problems, close } = await openDemo(language);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      const figures = page.locator('figure');
      expect(await figures.count()).toBe(7);
      expect(await page.locator('svg[role="img"]').count()).toBe(6);

      // Each SVG is named by its caption and described in plain language.
      const first = page.locator('svg[role="img"]').first();
      const caption = language === 'nb' ? 'Digital samhandling: gjennomsnitt per enhet' : 'Digital samhandling: gjennomsnitt per eining';
      await expect.poll(() => first.getAttribute('aria-labelledby')).toBeTruthy();
      expect(await first.locator('title').textContent()).toBe(caption);
      const desc = (await first.locator('desc').textContent()) ?? '';
      expect(desc).toContain(language === 'nb' ? 'Høyest: Hjemmetjenesten og praktisk bistand, sone nord, 71,8.' : 'Høgast: Hjemmetjenesten og praktisk bistand, sone nord, 71,8.');
      expect(desc).toContain(language === 'nb' ? '2 grupper er skjult.' : '2 grupper er skjulte.');

      // Hidden figures say why, in the chart itself, and the base n is printed.
      const hiddenText = language === 'nb' ? 'Skjult (færre enn 5 svar)' : 'Skjult (under 5 svar)';
      expect(await page.locator('svg[role="img"] text').filter({ hasText: hiddenText }).count()).toBeGreaterThan(0);
      expect(await figures.first().getByText(language === 'nb' ? 'Grunnlag: 137 svar' : 'Grunnlag: 137 svar').count()).toBe(1);
      await expectTextInsideCharts(page);

      await expectAccessible(page, `charts in chart mode (${language})`);
      await screenshot(page, `charts-${language}-360`);

      await setAllSwitches(page, true);
      expect(await page.locator('.chart-figure__view[data-active="true"] svg').count()).toBe(0);
      expect(await page.locator('table:visible').count()).toBe(7);
      // Decimal comma, and the reason instead of a number in the table.
      const barTable = page.locator('table').first();
      expect(await barTable.getByRole('cell', { name: '62,4', exact: true }).count()).toBe(1);
      expect(await barTable.getByRole('cell', { name: '59,1–65,7' }).count()).toBe(1);
      expect(await barTable.getByText(hiddenText).count()).toBe(2);
      expect(await barTable.getByRole('cell', { name: '0', exact: true }).count()).toBe(0);
      await expectAccessible(page, `charts in table mode (${language})`);
      await screenshot(page, `charts-${language}-360-table`);

      expect(problems).toEqual([]);
      await close();
    });
  }

  it('switches between chart and table with the keyboard alone', async () => {
    const { page, close } = await openDemo('nb');
    const figure = page.locator('figure').first();
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.getAttribute('role')).toBe('switch');
    expect(await focused.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent)).toBe('Vis som tabell');
    // The switch is described by its figure's caption, so several switches on a page can be told apart.
    expect(await focused.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent)).toBe(
      'Digital samhandling: gjennomsnitt per enhet',
    );
    await expect.poll(() => figure.locator('svg[role="img"]').isVisible()).toBe(true);

    await page.keyboard.press('Space');
    expect(await focused.isChecked()).toBe(true);
    expect(await figure.locator('table').isVisible()).toBe(true);
    expect(await figure.locator('svg[role="img"]').isVisible()).toBe(false);

    // Onwards: the table's scroll box, then the next figure's switch.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').getAttribute('role')).toBe('region');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').evaluate((el) => el.closest('figure') === document.querySelectorAll('figure')[1])).toBe(true);

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    expect(await figure.locator('svg[role="img"]').isVisible()).toBe(true);
    expect(await figure.locator('table').isVisible()).toBe(false);
    await close();
  });

  it('never scrolls sideways at 320 px, in either mode and with 150 % text', async () => {
    const { page, problems, close } = await openDemo('nn', NARROW);
    await expectNoHorizontalScroll(page);
    await expectTextInsideCharts(page);
    await setAllSwitches(page, true);
    await expectNoHorizontalScroll(page);
    await setAllSwitches(page, false);

    const fontBefore = await page.locator('svg[role="img"] text').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '150%'));
    await expect.poll(() => page.locator('svg[role="img"] text').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThan(fontBefore * 1.4);
    // The layout follows the new size: wider labels wrap, nothing spills.
    await page.waitForTimeout(200);
    await expectNoHorizontalScroll(page);
    await expectTextInsideCharts(page);
    await screenshot(page, 'charts-nn-320-large-text');
    expect(problems).toEqual([]);
    await close();
  });

  it('lays labels beside the bars on a wide screen, and prints every chart with its table, without switches', async () => {
    const { page, close } = await openDemo('nb', DESKTOP);
    const label = page.locator('svg[role="img"] text').filter({ hasText: 'Gol sjukeheim' }).first();
    const bar = page.locator('svg[role="img"]').first().locator('rect[fill="#0072B2"]').first();
    expect((await label.boundingBox())!.x + (await label.boundingBox())!.width).toBeLessThan((await bar.boundingBox())!.x);
    await expectTextInsideCharts(page);
    await screenshot(page, 'charts-nb-desktop');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('svg[role="img"]:visible').count()).toBe(6);
    expect(await page.locator('table:visible').count()).toBe(7);
    expect(await switches(page).filter({ visible: true }).count()).toBe(0);
    expect(await page.locator('.chart-text').first().evaluate((el) => getComputedStyle(el).fill)).toBe('rgb(0, 0, 0)');
    await screenshot(page, 'charts-nb-print');
    await close();
  });
});
