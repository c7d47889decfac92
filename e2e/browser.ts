// Shared browser-test helpers: Debian's Chromium through playwright-core, axe checks and screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { SessionInfo } from '../src/contracts/api.js';
import { base32Decode, totp } from '../src/server/adapters/totp.js';
import { DEMO_TOTP_SECRET } from '../src/server/db/seed/demo.js';

export const PHONE = { width: 360, height: 740 };
export const NARROW = { width: 320, height: 640 };
export const DESKTOP = { width: 1280, height: 800 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function newContext(browser: Browser, viewport = PHONE, locale = 'nb-NO'): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale, reducedMotion: 'reduce' });
}

/** axe with the WCAG 2.1 A and AA rules: every page must have 0 violations. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** The page may not scroll sideways (WCAG 1.4.10 reflow). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const shots = join(import.meta.dirname, 'screenshots');
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/**
 * Logs in through the API in a request context (a page's `page.request` shares the page's cookie jar), with
 * the second factor where the account has one: the demo accounts share a public TOTP secret, and a code works
 * once per account, so a second login in the same 30 seconds waits for the next code. Returns the session.
 */
export async function logInByApi(api: APIRequestContext, base: string, email: string, password: string): Promise<SessionInfo> {
  const first = await api.post(`${base}/api/v1/session`, { data: { email, password } });
  expect(first.status(), await first.text()).toBe(200);
  const session = (await first.json()) as SessionInfo;
  if (session.stage !== 'totp') return session;
  for (let attempt = 0; ; attempt++) {
    const code = totp(base32Decode(DEMO_TOTP_SECRET), new Date());
    const done = await api.post(`${base}/api/v1/session/totp`, { data: { code }, headers: { 'x-csrf-token': session.csrfToken } });
    if (done.status() === 200) return (await done.json()) as SessionInfo;
    expect(attempt, await done.text()).toBeLessThan(2);
    await new Promise((resolve) => setTimeout(resolve, 30_500 - (Date.now() % 30_000)));
  }
}

/** Waits until the next 30-second TOTP step has begun (a code works once per account and step). */
export async function nextTotpStep(page: Page): Promise<void> {
  await page.waitForTimeout(30_500 - (Date.now() % 30_000));
}

/**
 * Logs in through the login page in bokmål: e-mail and password, then — when the page asks for it — the
 * code from the authenticator, computed from `secret` (the demo accounts' public one by default). A code
 * already used by an earlier login is refused: then it waits for the next code and tries once more.
 */
export async function logInWithForm(page: Page, base: string, email: string, password: string, secret = DEMO_TOTP_SECRET): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('h1').waitFor();
  await expectAccessible(page, 'login page');
  await page.getByLabel('E-post', { exact: true }).fill(email);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).last().click();
  const codeStep = page.getByRole('heading', { name: 'Innlogging i to trinn', level: 1 });
  await Promise.race([codeStep.waitFor(), page.waitForURL((url) => url.pathname !== '/login')]);
  if (!(await codeStep.isVisible())) return;
  await expectAccessible(page, 'login code step');
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByLabel('Kode', { exact: true }).fill(totp(base32Decode(secret), new Date()));
    await page.getByRole('button', { name: 'Logg inn' }).last().click();
    const wrong = page.getByText('Koden er feil eller allerede brukt').first();
    await Promise.race([wrong.waitFor(), page.waitForURL((url) => url.pathname !== '/login')]);
    if (!(await wrong.isVisible())) return;
    await nextTotpStep(page);
  }
  throw new Error(`no code was accepted for ${email}`);
}
