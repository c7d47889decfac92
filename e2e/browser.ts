// Shared browser-test helpers: Debian's Chromium through playwright-core, axe checks and screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { SessionInfo } from '../src/contracts/api.js';
import { base32Decode, totp, totpStep } from '../src/server/adapters/totp.js';
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

/**
 * axe with the WCAG 2.1 A and AA rules: every page must have 0 violations. For speed on the large results
 * pages (the same rules, the same violations): legacy mode runs axe.run() in the page itself instead of
 * axe.runPartial() per frame and axe.finishRun() in a new blank page (the app has no frames), and only the
 * violations are reported in full (passes and incomplete results are not read here). `options()` replaces
 * all options, so `withTags()` comes after it.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
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
 * The codes an authenticator shows around now, oldest first: the server takes the code of the step before
 * and after the current one too (clock drift), each step once per account. Trying them oldest first lets up
 * to three logins to the same account follow each other within one 30-second step without waiting.
 */
function codesAroundNow(secret: string): string[] {
  const now = totpStep(new Date());
  return [now - 1, now, now + 1].map((step) => totp(base32Decode(secret), step));
}

/** Waits until the next 30-second TOTP step has begun (every code around the previous step may be used). */
async function untilNextStep(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30_500 - (Date.now() % 30_000)));
}

/**
 * Logs in through the API in a request context (a page's `page.request` shares the page's cookie jar), with
 * the second factor where the account has one: the demo accounts share a public TOTP secret, and a code works
 * once per account, so the codes around now are tried oldest first (see codesAroundNow) and, when all were
 * used by earlier logins, the next step's. Returns the session.
 */
export async function logInByApi(api: APIRequestContext, base: string, email: string, password: string): Promise<SessionInfo> {
  const first = await api.post(`${base}/api/v1/session`, { data: { email, password } });
  expect(first.status(), await first.text()).toBe(200);
  const session = (await first.json()) as SessionInfo;
  if (session.stage !== 'totp') return session;
  for (let round = 0; round < 2; round++) {
    for (const code of codesAroundNow(DEMO_TOTP_SECRET)) {
      const done = await api.post(`${base}/api/v1/session/totp`, { data: { code }, headers: { 'x-csrf-token': session.csrfToken } });
      if (done.status() === 200) return (await done.json()) as SessionInfo;
      expect(done.status(), await done.text()).toBe(401);
    }
    await untilNextStep();
  }
  throw new Error(`no code was accepted for ${email}`);
}

/**
 * Logs in through the login page in bokmål: e-mail and password, then — when the page asks for it — the
 * code from the authenticator, computed from `secret` (the demo accounts' public one by default). A code
 * already used by an earlier login is refused: then it types the next of the codes around now (see
 * codesAroundNow), and when all were used, waits for the next step.
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
  for (let round = 0; round < 2; round++) {
    for (const code of codesAroundNow(secret)) {
      await page.getByLabel('Kode', { exact: true }).fill(code);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/session/totp'),
        page.getByRole('button', { name: 'Logg inn' }).last().click(),
      ]);
      if (answer.status() === 200) {
        await page.waitForURL((url) => url.pathname !== '/login');
        return;
      }
      expect(answer.status(), await answer.text()).toBe(401);
      await page.getByText('Koden er feil eller allerede brukt').first().waitFor();
    }
    await untilNextStep();
  }
  throw new Error(`no code was accepted for ${email}`);
}
