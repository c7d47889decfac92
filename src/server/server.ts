/**
 * startServer(): configuration → database → migrations → instruments → (demo seed) → app.listen →
 * jobs. Used by main.ts, the browser tests and the benchmarks; options override the environment.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { systemClock, type Clock } from './adapters/clock.js';
import { argon2Hasher } from './adapters/passwords.js';
import { devMailer, smtpMailer } from './adapters/mail.js';
import { loadSecretKey, secretsFromKey } from './adapters/secrets.js';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import type { DB } from './db/schema.js';
import { describeDemo, seedDemo, type DemoSeedResult } from './db/seed/demo.js';
import { createServices, type Services } from './services/index.js';
import { DEFAULT_INSTRUMENTS_DIR } from './services/instrument.service.js';
import type { RateLimits } from './services/rate-limit.service.js';

export { DEFAULT_INSTRUMENTS_DIR };

export interface StartOptions {
  port?: number;
  host?: string;
  databaseUrl?: string;
  /** PGlite's directory; 'memory://' for an in-memory database. Given without databaseUrl, it wins over DATABASE_URL. */
  dataDir?: string;
  seed?: 'demo' | 'none';
  log?: boolean;
  clock?: Clock;
  /** Overrides DIGIKOMPASS_SECRET. */
  secret?: string;
  /** Overrides PUBLIC_URL; default: the URL the server listens on. */
  publicUrl?: string;
  instrumentsDir?: string;
  /** The built web; null serves none. */
  webRoot?: string | null;
  /** Overrides of the default rate limits; false turns them off (benchmarks only). */
  rateLimits?: Partial<RateLimits> | false;
  /** Run the background jobs loop (default true). */
  jobs?: boolean;
  /** Overrides SMTP_URL (tests point it at an in-process SMTP server). */
  smtpUrl?: string;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  db: Kysely<DB>;
  /** What the demo seed made (null when it did not run). */
  demo: DemoSeedResult | null;
  services: Services;
  /** Where mails go (SMTP or the dev outbox), for the start-up output. */
  mail: string;
  close(): Promise<void>;
}

async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT ((SELECT count(*) FROM municipality) + (SELECT count(*) FROM account))::int AS n`.execute(db);
  return (r.rows[0]?.n ?? 0) === 0;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig();
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? true;
  const usePglite = opts.databaseUrl === undefined && (opts.dataDir !== undefined || config.databaseUrl === undefined);
  const dataDir = opts.dataDir ?? config.dataDir;

  const secretKey = loadSecretKey({
    env: opts.secret ?? config.secret,
    file: dataDir === 'memory://' ? null : join(dataDir, 'secret.key'),
  });
  const database = usePglite
    ? await openDatabase({ dataDir: dataDir === 'memory://' ? dataDir : join(dataDir, 'pglite') })
    : await openDatabase({ databaseUrl: opts.databaseUrl ?? config.databaseUrl!, poolSize: config.databasePoolSize });
  const { db } = database;

  try {
    await migrateToLatest(db);
    let publicUrl = opts.publicUrl ?? config.publicUrl;
    const smtpUrl = opts.smtpUrl ?? config.smtpUrl;
    const mailer = smtpUrl
      ? smtpMailer(smtpUrl, config.mailFrom)
      : devMailer(dataDir === 'memory://' ? null : join(dataDir, 'outbox'), config.mailFrom, (line) => {
          if (log) console.log(line);
        });
    if (!smtpUrl && config.nodeEnv === 'production' && log) console.warn('SMTP_URL is not set: invitations and reset links go only to the log and DATA_DIR/outbox.');
    const services = createServices({
      mailer,
      db,
      clock,
      secrets: secretsFromKey(secretKey),
      passwords: argon2Hasher(),
      publicUrl: () => publicUrl ?? `http://localhost:${config.port}`,
      ...(opts.rateLimits !== undefined ? { rateLimits: opts.rateLimits } : {}),
      log: (message, error) => {
        if (log) console.error(message, error);
      },
    });
    await services.instruments.loadDirectory(opts.instrumentsDir ?? DEFAULT_INSTRUMENTS_DIR);

    const seed = opts.seed ?? config.seed ?? ((await isEmpty(db)) && config.nodeEnv !== 'production' ? 'demo' : 'none');
    const demo = seed === 'demo' ? await seedDemo({ db, services, clock, nodeEnv: config.nodeEnv }) : await describeDemo(db);

    const app = await buildApp({
      services,
      cookieSecure: config.cookieSecure ?? (publicUrl ?? '').startsWith('https://'),
      logger: log,
      trustProxy: config.trustProxy,
      ...(opts.webRoot !== undefined ? { webRoot: opts.webRoot } : {}),
    });
    const host = opts.host ?? config.host;
    await app.listen({ port: opts.port ?? config.port, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (opts.port ?? config.port);
    const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
    publicUrl ??= url;

    if (opts.jobs ?? true) services.jobs.start();
    return {
      url,
      app,
      db,
      demo,
      services,
      mail: mailer.description,
      close: async () => {
        await services.jobs.stop();
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
