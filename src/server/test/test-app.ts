/**
 * buildTestApp(): the whole HTTP app on a fresh test database with a fixed clock and cheap password
 * hashing, for Fastify inject(). Plus helpers to log in (password, then the real TOTP steps) and to
 * make JSON requests. Mails go to `outbox` unless `smtpUrl` names a (test) SMTP server.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fixedClock, type FixedClock } from '../adapters/clock.js';
import { smtpMailer, type MailMessage } from '../adapters/mail.js';
import { base32Decode, totp, totpStep } from '../adapters/totp.js';
import { secretsFromKey } from '../adapters/secrets.js';
import { buildApp } from '../app.js';
import type { DB } from '../db/schema.js';
import type { App } from '../routes/route-context.js';
import { createServices, type Services } from '../services/index.js';
import type { RateLimits } from '../services/rate-limit.service.js';
import { TEST_NOW, testPasswords } from './factories.js';
import { testDb, type TestDatabase } from './test-db.js';

export const TEST_PUBLIC_URL = 'https://digikompass.test';

export interface TestApp {
  app: App;
  db: Kysely<DB>;
  kind: TestDatabase['kind'];
  clock: FixedClock;
  services: Services;
  /** Mails sent (when no smtpUrl was given). */
  outbox: MailMessage[];
  close(): Promise<void>;
}

/** Each test app, for login() to reach its clock and database; and the TOTP secrets login() enrolled, by e-mail. */
const testApps = new WeakMap<App, { t: TestApp; secrets: Map<string, Buffer> }>();

export async function buildTestApp(o: { rateLimits?: Partial<RateLimits> | false; now?: Date; smtpUrl?: string } = {}): Promise<TestApp> {
  const database = await testDb();
  const clock = fixedClock(o.now ?? TEST_NOW);
  const outbox: MailMessage[] = [];
  const services = createServices({
    mailer: o.smtpUrl
      ? smtpMailer(o.smtpUrl, 'Digikompass <no-reply@digikompass.test>')
      : { description: 'test outbox', send: async (m) => void outbox.push(m) },
    db: database.db,
    clock,
    secrets: secretsFromKey(randomBytes(32)),
    passwords: testPasswords,
    publicUrl: () => TEST_PUBLIC_URL,
    ...(o.rateLimits !== undefined ? { rateLimits: o.rateLimits } : {}),
  });
  const app = await buildApp({ services, cookieSecure: true, webRoot: null, logger: false });
  await app.ready();
  const t: TestApp = {
    app,
    db: database.db,
    kind: database.kind,
    clock,
    services,
    outbox,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
  testApps.set(app, { t, secrets: new Map() });
  return t;
}

export interface LoggedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for a cookie-authenticated write. */
  headers: Record<string, string>;
}

function loggedIn(res: { cookies: { name: string; value: string }[]; json(): unknown }, csrfToken?: string): LoggedIn {
  const cookie = res.cookies.find((c) => c.name === 'dk_session');
  if (!cookie) throw new Error('no session cookie');
  const token = csrfToken ?? (res.json() as { csrfToken: string }).csrfToken;
  const cookieHeader = `dk_session=${cookie.value}`;
  return { cookie: cookieHeader, csrfToken: token, headers: { cookie: cookieHeader, 'x-csrf-token': token } };
}

/**
 * Logs in through the real steps: password; then, when the account must enrol, the enrolment (the helper
 * keeps the secret it was shown), or a code computed from that secret. A code works once per time step:
 * the helper takes the first step after the last one used and, when every step within ±1 of now is used
 * (many logins of one account at one fixed instant), moves the test clock on by 30 seconds.
 */
export async function login(app: App, email: string, password: string): Promise<LoggedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const first = loggedIn(res);
  const stage = (res.json() as { stage: string }).stage;
  if (stage === 'full') return first;
  const known = testApps.get(app);
  if (!known) throw new Error('login() needs an app made by buildTestApp()');
  const key = email.toLowerCase();
  if (stage === 'enrol') {
    const start = await app.inject({ method: 'POST', url: '/api/v1/session/totp/enrolment', headers: first.headers });
    if (start.statusCode !== 200) throw new Error(`enrolment failed: ${start.statusCode} ${start.body}`);
    known.secrets.set(key, base32Decode((start.json() as { secret: string }).secret));
  }
  const secret = known.secrets.get(key);
  if (!secret) throw new Error(`${email} has two-factor login with a secret login() did not enrol`);
  const row = await known.t.db.selectFrom('account').select('totp_last_step').where('email', '=', key).executeTakeFirstOrThrow();
  const last = row.totp_last_step === null ? null : Number(row.totp_last_step);
  const now = totpStep(known.t.clock.now());
  const step = last === null ? now : Math.max(now - 1, last + 1);
  if (step > now + 1) known.t.clock.advance((step - now - 1) * 30_000);
  const url = stage === 'enrol' ? '/api/v1/session/totp/enrolment/confirm' : '/api/v1/session/totp';
  const done = await app.inject({ method: 'POST', url, headers: first.headers, payload: { code: totp(secret, step) } });
  if (done.statusCode !== 200) throw new Error(`second factor failed: ${done.statusCode} ${done.body}`);
  const body = done.json() as { csrfToken?: string; session?: { csrfToken: string } };
  return loggedIn(done, body.session?.csrfToken ?? body.csrfToken);
}
