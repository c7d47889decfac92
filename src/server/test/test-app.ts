/**
 * buildTestApp(): the whole HTTP app on a fresh test database with a fixed clock and cheap password
 * hashing, for Fastify inject(). Plus helpers to log in and to make JSON requests.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fixedClock, type FixedClock } from '../adapters/clock.js';
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
  close(): Promise<void>;
}

export async function buildTestApp(o: { rateLimits?: Partial<RateLimits> | false; now?: Date } = {}): Promise<TestApp> {
  const database = await testDb();
  const clock = fixedClock(o.now ?? TEST_NOW);
  const services = createServices({
    db: database.db,
    clock,
    secrets: secretsFromKey(randomBytes(32)),
    passwords: testPasswords,
    publicUrl: () => TEST_PUBLIC_URL,
    ...(o.rateLimits !== undefined ? { rateLimits: o.rateLimits } : {}),
  });
  const app = await buildApp({ services, cookieSecure: true, webRoot: null, logger: false });
  await app.ready();
  return {
    app,
    db: database.db,
    kind: database.kind,
    clock,
    services,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface LoggedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for a cookie-authenticated write. */
  headers: Record<string, string>;
}

export async function login(app: App, email: string, password: string): Promise<LoggedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'dk_session');
  if (!cookie) throw new Error('no session cookie');
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  const cookieHeader = `dk_session=${cookie.value}`;
  return { cookie: cookieHeader, csrfToken, headers: { cookie: cookieHeader, 'x-csrf-token': csrfToken } };
}
