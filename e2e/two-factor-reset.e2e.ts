// Resetting a lost second factor in Chromium: the admin's Users tab shows the button for an account with
// two-step login, the confirmation dialog (axe), and after it the status line and the mail over SMTP.
// Its own server, so that no other browser test's demo account loses its authenticator.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/server.js';
import { startTestSmtp, type TestSmtp } from '../src/server/test/smtp.js';
import { PHONE, expectAccessible, expectNoHorizontalScroll, launchBrowser, logInWithForm, newContext, screenshot } from './browser.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const ADMIN = { email: 'admin@reset.test', password: 'admin passphrase for the reset test' };
const LEADER = { email: 'leiar.hol@reset.test', password: 'fjellbekk tyttebær kompass' };

let browser: Browser;
let smtp: TestSmtp;
let server: RunningServer;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', seed: 'none', log: false, smtpUrl: smtp.url });
  const { services } = server;
  const hol = await services.repos.organisation.createMunicipality({ ssbCode: '3330', name: 'Hol', defaultLanguage: 'nn', regionId: null }, '2026-01-01');
  const base = { unitId: null, regionId: null, projectIds: [], totpSecret: SECRET };
  await services.accounts.createWithPassword({ ...base, email: ADMIN.email, displayName: 'Admin', role: 'platform_admin', municipalityId: null, language: 'nb', password: ADMIN.password });
  await services.accounts.createWithPassword({ ...base, email: LEADER.email, displayName: 'Leiar i Hol', role: 'municipality_leader', municipalityId: hol.id, language: 'nn', password: LEADER.password });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

describe('resetting a lost second factor', () => {
  it('asks for confirmation in an accessible dialog, resets, says so and mails the person', async () => {
    const context = await newContext(browser, PHONE, 'nb-NO');
    const page = await context.newPage();
    await logInWithForm(page, server.url, ADMIN.email, ADMIN.password, SECRET);
    await page.goto(`${server.url}/admin?tab=accounts`);
    const button = page.getByRole('button', { name: 'Nullstill innlogging i to trinn for Leiar i Hol' });
    await button.waitFor();
    // Never for one's own account.
    expect(await page.getByRole('button', { name: 'Nullstill innlogging i to trinn for Admin' }).count()).toBe(0);
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Nullstille innloggingen i to trinn for Leiar i Hol?' });
    await dialog.waitFor();
    await expectAccessible(page, 'reset two-factor dialog');
    await screenshot(page, 'accounts-reset-two-factor-nb');
    await dialog.getByRole('button', { name: 'Nullstill', exact: true }).click();
    await page.getByText(`Innloggingen i to trinn for ${LEADER.email} er nullstilt. Personen har fått beskjed på e-post.`).waitFor();
    expect(await button.count()).toBe(0);
    await expectAccessible(page, 'accounts after the reset');
    await expectNoHorizontalScroll(page);
    await expect.poll(() => smtp.lastTo(LEADER.email), { timeout: 20_000 }).toBeDefined();
    expect(smtp.lastTo(LEADER.email)!.subject).toBe('Innlogginga i to steg er nullstilt');
    await context.close();
  });
});
