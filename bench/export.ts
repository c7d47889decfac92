/**
 * `npm run bench:export [-- --smoke]`: the research export (ZIP with data.csv, data.xlsx, codebook and
 * syntax) of 200,000 responses to the full questionnaire (~150 variables), on PostgreSQL and PGlite:
 * time, bytes, and peak memory. The export runs in a child process with a 256 MB JavaScript heap
 * (--max-old-space-size), so a version that held the rows in memory would fail there instead of
 * printing a figure; the child samples its resident set size (RSS) every 50 ms. On PGlite the RSS also
 * holds PGlite's own WebAssembly memory (neither JS heap nor ArrayBuffers), which grows a little with the
 * pages it reads. `--smoke` (CI) uses 500 responses, `--size=N` any number. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { systemClock } from '../src/server/adapters/clock.js';
import { argon2Hasher } from '../src/server/adapters/passwords.js';
import { secretsFromKey } from '../src/server/adapters/secrets.js';
import { migrateToLatest, openDatabase, type DatabaseOptions } from '../src/server/db/database.js';
import type { DB } from '../src/server/db/schema.js';
import { createServices } from '../src/server/services/index.js';
import { DEFAULT_INSTRUMENTS_DIR } from '../src/server/services/instrument.service.js';
import { fillSynthetic } from './fill.js';

const smoke = process.argv.includes('--smoke');
/** `--size=N` overrides the number of responses (both databases). */
const sizeArg = Number(process.argv.find((a) => a.startsWith('--size='))?.slice('--size='.length));
const RESPONSES = Number.isInteger(sizeArg) && sizeArg > 0 ? sizeArg : smoke ? 500 : 200_000;
const HEAP_MB = 256;
const pgAdminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MUNICIPALITIES = 20;
const UNITS = 4;

interface ChildResult {
  seconds: number;
  bytes: number;
  rows: { csvRows: number; xlsxRows: number };
  variables: number;
  baselineRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** ArrayBuffers outside the JS heap (Node Buffers: ZIP chunks, pg results). */
  peakArrayBuffersMb: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

// ---- Child: one export, measured.

async function child(spec: DatabaseOptions, projectId: string): Promise<void> {
  const database = await openDatabase(spec);
  const services = createServices({
    db: database.db,
    clock: systemClock,
    secrets: secretsFromKey(randomBytes(32)),
    passwords: argon2Hasher(),
    publicUrl: () => 'http://localhost',
    rateLimits: false,
  });
  await services.instruments.loadDirectory(DEFAULT_INSTRUMENTS_DIR);
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peakRss = baseline;
  let peakHeap = process.memoryUsage().heapUsed;
  let peakArrayBuffers = process.memoryUsage().arrayBuffers;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers);
  }, 50);
  const viewer = { accountId: randomUUID(), email: 'bench@localhost', displayName: 'Bench', role: 'platform_admin' as const, municipalityId: null };
  const start = performance.now();
  const started = await services.exports.start(viewer as Parameters<typeof services.exports.start>[0], projectId, { language: 'nb' });
  let bytes = 0;
  for await (const chunk of started.stream) bytes += (chunk as Buffer).length;
  const rows = await started.done;
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  const result: ChildResult = {
    seconds,
    bytes,
    rows,
    variables: await variableCount(database.db, projectId),
    baselineRssMb: mb(baseline),
    peakRssMb: mb(peakRss),
    peakHeapMb: mb(peakHeap),
    peakArrayBuffersMb: mb(peakArrayBuffers),
  };
  await database.close();
  console.log(`RESULT ${JSON.stringify(result)}`);
}

/** The number of variables the export's audit line recorded. */
async function variableCount(db: Kysely<DB>, projectId: string): Promise<number> {
  const row = await db.selectFrom('audit_log').select('details').where('action', '=', 'export.create').where('object_id', '=', projectId).orderBy('id', 'desc').executeTakeFirst();
  return Number((row?.details as { variables?: number } | null)?.variables ?? 0);
}

// ---- Parent: a database filled with responses (bench/fill.ts), then the child.

async function benchOne(kind: 'postgres' | 'pglite'): Promise<void> {
  const responses = RESPONSES;
  let spec: DatabaseOptions;
  let cleanup: () => Promise<void>;
  if (kind === 'postgres') {
    const name = `dk_bench_export_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgAdminUrl });
    try {
      await admin.connect();
    } catch (e) {
      console.log(`  postgres: skipped (${pgAdminUrl} unreachable: ${(e as Error).message})`);
      return;
    }
    await admin.query(`CREATE DATABASE ${name}`);
    spec = { databaseUrl: pgAdminUrl.replace(/\/[^/]*$/, `/${name}`), poolSize: 4 };
    cleanup = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'dk-bench-export-'));
    spec = { dataDir: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  try {
    const fillStart = performance.now();
    const database = await openDatabase(spec);
    await migrateToLatest(database.db);
    const services = createServices({ db: database.db, clock: systemClock, secrets: secretsFromKey(randomBytes(32)), passwords: argon2Hasher(), publicUrl: () => '' });
    await services.instruments.loadDirectory(DEFAULT_INSTRUMENTS_DIR);
    const instrument = await services.instruments.get('digikompass', '1.0.0');
    const { projectId } = await fillSynthetic(database.db, instrument, { responses, municipalities: MUNICIPALITIES, units: UNITS });
    await database.close();
    const fillSeconds = (performance.now() - fillStart) / 1000;

    const run = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--expose-gc', '--import', 'tsx', 'bench/export.ts', '--child', JSON.stringify({ spec, projectId })], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) {
      console.log(`  ${kind}: the export failed (exit ${run.status ?? run.signal})\n${run.stderr.slice(-2000)}`);
      return;
    }
    const r = JSON.parse(line.slice(7)) as ChildResult;
    console.log(
      `  ${kind.padEnd(8)} ${responses.toLocaleString('en').padStart(7)} responses × ${r.variables} variables: ` +
        `${r.seconds.toFixed(1)} s (${Math.round(r.rows.csvRows / r.seconds).toLocaleString('en')} rows/s), ZIP ${mb(r.bytes).toFixed(1)} MB; ` +
        `RSS ${r.baselineRssMb.toFixed(0)} → peak ${r.peakRssMb.toFixed(0)} MB, JS heap peak ${r.peakHeapMb.toFixed(0)} MB (limit ${HEAP_MB} MB), ` +
        `ArrayBuffers peak ${r.peakArrayBuffersMb.toFixed(0)} MB; ` +
        `rows csv ${r.rows.csvRows.toLocaleString('en')}, xlsx ${r.rows.xlsxRows.toLocaleString('en')}  [filling the database: ${fillSeconds.toFixed(0)} s]`,
    );
  } finally {
    await cleanup();
  }
}

if (process.argv.includes('--child')) {
  const { spec, projectId } = JSON.parse(process.argv[process.argv.indexOf('--child') + 1]!) as { spec: DatabaseOptions; projectId: string };
  await child(spec, projectId);
} else {
  console.log(`Digikompass export benchmark${smoke ? ' (smoke size)' : ''}: ZIP with data.csv, data.xlsx, codebook and syntax; export in a child process with a ${HEAP_MB} MB heap`);
  await benchOne('postgres');
  await benchOne('pglite');
}
