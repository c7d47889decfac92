// Municipality attributes in Chromium: the admin's municipality table shows population, size class, county
// and centrality; the admin edits one municipality, and imports an SSB file — a Windows-1252 file with a
// problem is refused with a problems table, a clean one is checked, then stored. axe in nb, nn and en.
// The test leaves Flå's attributes as the demo seed made them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ATTRIBUTES } from '../src/server/db/seed/demo.js';
import { DESKTOP, PHONE, expectAccessible, expectNoHorizontalScroll, launchBrowser, logInByApi, newContext, screenshot } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Windows-1252 bytes, as StatBank's "Latin-1" export (æ, ø and å are single bytes). */
const latin1 = (s: string) => Buffer.from(s, 'latin1');
const spaces = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const row = (page: Page, name: string) => page.locator('#municipalities-caption').locator('..').getByRole('row').filter({ hasText: name });

describe('municipality attributes', () => {
  it('shows, edits and imports them (desktop, bokmål)', async () => {
    const context = await newContext(browser, DESKTOP, 'nb-NO');
    const page = await context.newPage();
    await logInByApi(page.request, base, 'admin@digikompass.test', 'demo-admin-2026');
    await page.goto(`${base}/admin?tab=municipalities`);
    await page.locator('#municipalities-caption').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Kommunestørrelse' }).count()).toBe(1);
    const gol = spaces(await row(page, 'Gol').textContent());
    expect(gol).toContain('4 986 (2024)');
    expect(gol).toContain('Under 5 000');
    expect(gol).toContain('33 Buskerud');
    await expectAccessible(page, 'municipalities with attributes (nb)');

    // Edit Flå: a wrong number first, then a right one.
    await page.locator('#attributes-municipality').selectOption({ label: 'Flå' });
    await expect.poll(() => page.locator('#attributes-population').inputValue()).toBe(String(DEMO_ATTRIBUTES['3320']!.population));
    await page.locator('#attributes-population').fill('mange');
    await page.getByRole('button', { name: 'Lagre opplysningene' }).click();
    await page.getByText('Skriv et helt tall fra 0 til 2 000 000, eller la feltet stå tomt.').first().waitFor();
    await expectAccessible(page, 'attribute form with an error');
    await page.locator('#attributes-population').fill('1 061');
    await page.locator('#attributes-populationYear').fill('2025');
    await page.getByRole('button', { name: 'Lagre opplysningene' }).click();
    await page.getByRole('status').filter({ hasText: 'Opplysningene om Flå er lagret.' }).waitFor();
    await expect.poll(async () => spaces(await row(page, 'Flå').textContent())).toContain('1 061 (2025)');

    // An SSB file with a number no municipality has: problems, and nothing to store.
    const file = page.locator('#attributes-file');
    await file.setInputFiles({
      name: '07459.csv',
      mimeType: 'text/csv',
      buffer: latin1('"07459: Befolkning, etter region og år"\r\n\r\n"region";"Personer 2024"\r\n"3320 Flå";1060\r\n"9999 Ukjent";10\r\n'),
    });
    await page.getByRole('button', { name: 'Sjekk filen' }).click();
    await page.getByRole('table', { name: 'Feil i filen' }).waitFor();
    expect(spaces(await page.getByRole('table', { name: 'Feil i filen' }).textContent())).toContain('Ingen kommune i Digikompass har eller har hatt dette nummeret.');
    expect(await page.getByText('2 kommuner lest fra filen (Latin-1 (Windows-1252), skilt med semikolon).').count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Lagre endring/ }).count()).toBe(0);
    await expectAccessible(page, 'import with problems');
    await screenshot(page, 'admin-attributes-import-problems');

    // The clean file: Flå back to the seed's figure, checked first, then stored.
    await file.setInputFiles({ name: '07459.csv', mimeType: 'text/csv', buffer: latin1('"region";"Personer 2024"\r\n"0 Hele landet";5550203\r\n"3320 Flå";1060\r\n') });
    await page.getByRole('button', { name: 'Sjekk filen' }).click();
    const changes = page.getByRole('table', { name: 'Dette vil endres: 1 kommune' });
    await changes.waitFor();
    expect(spaces(await changes.textContent())).toContain('1 061 (2025) → 1 060 (2024)');
    await expectAccessible(page, 'import dry run');
    await screenshot(page, 'admin-attributes-import-dry-run');
    await page.getByRole('button', { name: 'Lagre endringen for 1 kommune' }).click();
    await page.getByText('Lagret: opplysningene om 1 kommune er endret.').waitFor();
    await expect.poll(async () => spaces(await row(page, 'Flå').textContent())).toContain('1 060 (2024)');
    await expectAccessible(page, 'import stored');
    await screenshot(page, 'admin-attributes');
    await context.close();
  });

  it('reads well on a phone in nynorsk and English', async () => {
    const context = await newContext(browser, PHONE, 'nb-NO');
    const page = await context.newPage();
    await logInByApi(page.request, base, 'admin@digikompass.test', 'demo-admin-2026');
    for (const [lang, heading, button] of [
      ['nn', 'Importer frå SSB-fil', 'Sjekk fila'],
      ['en', 'Import from an SSB file', 'Check the file'],
    ] as const) {
      await page.goto(`${base}/admin?tab=municipalities`);
      await page.evaluate((l) => localStorage.setItem('digikompass.language', l), lang);
      await page.reload();
      await page.getByRole('heading', { name: heading }).waitFor();
      // Checking without a file says so at the field.
      await page.getByRole('button', { name: button }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('attributes-file');
      await expectAccessible(page, `municipality attributes (${lang}, phone)`);
      await expectNoHorizontalScroll(page);
      await screenshot(page, `admin-attributes-${lang}-phone`);
    }
    await context.close();
  });
});
