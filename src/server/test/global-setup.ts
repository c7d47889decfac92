/**
 * vitest globalSetup of the db projects: one migrated template per run (with the instruments in
 * instruments/ loaded), cloned by every test file.
 * - PGlite: the template's data directory is dumped to a temp file; each file loads it (~1 s).
 * - PostgreSQL: a template database; each file gets CREATE DATABASE … TEMPLATE …, dropped after.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest, newPGlite } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { InstrumentRepository } from '../repositories/instrument.repository.js';
import { DEFAULT_INSTRUMENTS_DIR, InstrumentService } from '../services/instrument.service.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of the template's dumped data directory. */
    pgliteTemplate: string;
    /** PostgreSQL: the server URL (any database) and the template database's name. */
    pgServerUrl: string;
    pgTemplate: string;
  }
}

let cleanup: (() => Promise<void>) | undefined;

async function prepare(db: Kysely<DB>): Promise<void> {
  await migrateToLatest(db);
  await new InstrumentService(new InstrumentRepository(db)).loadDirectory(DEFAULT_INSTRUMENTS_DIR);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function setup(project: TestProject): Promise<void> {
  const env = { ...process.env, ...(project.config.env as Record<string, string> | undefined) };
  const kind = env.TEST_DB_KIND ?? 'pglite';

  if (kind === 'pglite') {
    const pglite = newPGlite('memory://');
    await pglite.waitReady;
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    await prepare(db);
    const dump = await pglite.dumpDataDir('none');
    await db.destroy();
    const dir = mkdtempSync(join(tmpdir(), 'dk-pglite-template-'));
    const file = join(dir, 'template.tar');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteTemplate', file);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
    return;
  }

  const url = env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DB_KIND=postgres needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test).');
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (error) {
    const ci = env.CI === 'true' || env.CI === '1';
    throw new Error(
      `PostgreSQL at ${url} cannot be reached (${(error as Error).message}).` +
        (ci ? ' CI requires the PostgreSQL suite: start PostgreSQL (pg_ctlcluster … main start).' : ' Start it or unset TEST_DATABASE_URL.'),
      { cause: error },
    );
  }
  const template = `dk_tpl_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${template}`);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: withDatabase(url, template), max: 1 }) }) });
  try {
    await prepare(db);
  } finally {
    await db.destroy();
  }
  project.provide('pgServerUrl', url);
  project.provide('pgTemplate', template);
  cleanup = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}

export async function teardown(): Promise<void> {
  await cleanup?.();
}
