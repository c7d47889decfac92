/**
 * `npm run bench:export [-- --smoke]`: the research export (ZIP with data.csv, data.xlsx, codebook and
 * syntax) of 200,000 responses to the full questionnaire (~150 variables), on PostgreSQL and PGlite:
 * time, bytes, and peak memory. The export runs in a child process with a 256 MB JavaScript heap
 * (--max-old-space-size), so a version that held the rows in memory would fail there instead of
 * printing a figure; the child samples its resident set size (RSS) every 50 ms. On PGlite the RSS also
 * holds PGlite's own WebAssembly memory (neither JS heap nor ArrayBuffers), which grows a little with the
 * pages it reads. `--smoke` (CI) uses 2,000 responses, `--size=N` any number. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Instrument } from '../src/contracts/instrument.js';
import { scoreResponse, SCORING_VERSION } from '../src/domain/scoring.js';
import { systemClock } from '../src/server/adapters/clock.js';
import { argon2Hasher } from '../src/server/adapters/passwords.js';
import { secretsFromKey } from '../src/server/adapters/secrets.js';
import { migrateToLatest, openDatabase, type DatabaseOptions } from '../src/server/db/database.js';
import type { DB } from '../src/server/db/schema.js';
import { json } from '../src/server/db/schema.js';
import { createRng } from '../src/server/db/seed/random.js';
import { modelOf, syntheticAnswers } from '../src/server/db/seed/synthetic.js';
import { createServices } from '../src/server/services/index.js';
import { DEFAULT_INSTRUMENTS_DIR } from '../src/server/services/instrument.service.js';

const smoke = process.argv.includes('--smoke');
/** `--size=N` overrides the number of responses (both databases). */
const sizeArg = Number(process.argv.find((a) => a.startsWith('--size='))?.slice('--size='.length));
const RESPONSES = Number.isInteger(sizeArg) && sizeArg > 0 ? sizeArg : smoke ? 2_000 : 200_000;
const HEAP_MB = 256;
const pgAdminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MUNICIPALITIES = 20;
const UNITS = 4;
/** Distinct synthetic answer sets, repeated over the responses (generating 200,000 in JavaScript would time the generator). */
const TEMPLATES = 2_000;

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

// ---- Parent: a database filled with responses, then the child.

async function fill(db: Kysely<DB>, instrument: Instrument, responses: number): Promise<string> {
  const project = await db.insertInto('project').values({ name: 'Benchmark', end_date: '2099-12-31' }).returning('id').executeTakeFirstOrThrow();
  const wave = await db
    .insertInto('wave')
    .values({ project_id: project.id, label: 'T0', instrument_id: instrument.id, instrument_version: instrument.version, opens_at: new Date('2026-01-01'), closes_at: new Date('2026-02-01') })
    .returning('id')
    .executeTakeFirstOrThrow();
  const units: { i: number; municipality: string; unit: string }[] = [];
  for (let m = 0; m < MUNICIPALITIES; m++) {
    const muni = await db.insertInto('municipality').values({ ssb_code: String(3000 + m), name: `Kommune ${m + 1}`, default_language: 'nb' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('project_municipality').values({ project_id: project.id, municipality_id: muni.id }).execute();
    for (let u = 0; u < UNITS; u++) {
      const unit = await db.insertInto('unit').values({ municipality_id: muni.id, name: `Eining ${u + 1}`, staff_count: 50 }).returning('id').executeTakeFirstOrThrow();
      units.push({ i: units.length, municipality: muni.id, unit: unit.id });
    }
  }

  const rng = createRng('bench-export');
  const model = modelOf(instrument, rng.fork('model'));
  await sql`CREATE TABLE bench_template (i int PRIMARY KEY, answers jsonb NOT NULL, scores jsonb NOT NULL)`.execute(db);
  await sql`CREATE TABLE bench_unit (i int PRIMARY KEY, municipality_id uuid NOT NULL, unit_id uuid NOT NULL)`.execute(db);
  for (let from = 0; from < TEMPLATES; from += 200) {
    const rows = Array.from({ length: Math.min(200, TEMPLATES - from) }, (_, k) => {
      const answers = syntheticAnswers(model, { theta: rng.normal(0, 1), language: 'nb' }, rng);
      const scores = Object.fromEntries(Object.entries(scoreResponse(instrument, answers)).filter(([, v]) => v !== null));
      return sql`(${from + k}, ${json(answers)}::jsonb, ${json(scores)}::jsonb)`;
    });
    await sql`INSERT INTO bench_template (i, answers, scores) VALUES ${sql.join(rows)}`.execute(db);
  }
  await sql`INSERT INTO bench_unit (i, municipality_id, unit_id) VALUES ${sql.join(units.map((u) => sql`(${u.i}, ${u.municipality}, ${u.unit})`))}`.execute(db);

  // In slices, so that PGlite (one WebAssembly heap) never holds one huge statement's work. Each response gets its
  // template's answers and stored scores in one statement (the ids are made first, so both inserts know them).
  const slice = 20_000;
  for (let from = 0; from < responses; from += slice) {
    const to = Math.min(responses, from + slice);
    await sql`
      WITH src AS MATERIALIZED (
        SELECT gen_random_uuid() AS id, g, t.answers, t.scores, u.municipality_id, u.unit_id
        FROM generate_series(${from}::int, ${to - 1}::int) AS g
        JOIN bench_template t ON t.i = g % ${TEMPLATES}::int
        JOIN bench_unit u ON u.i = g % ${units.length}::int
      ), responses AS (
        INSERT INTO response (id, wave_id, municipality_id, unit_id, instrument_id, instrument_version, form, answers, submitted_on, source, language,
          consent_version, scoring_version, active_minutes, link_method)
        SELECT id, ${wave.id}, municipality_id, unit_id, ${instrument.id}, ${instrument.version}, 'full', answers, DATE '2026-01-15' + (g % 14)::int,
          'web', (ARRAY['nb', 'nn', 'en'])[1 + g % 3], 1, ${SCORING_VERSION}, 10 + g % 20, (ARRAY[NULL, 'receipt', 'code'])[1 + g % 3]
        FROM src
        RETURNING id
      )
      INSERT INTO response_score (response_id, wave_id, municipality_id, unit_id, scale_id, score)
      SELECT src.id, ${wave.id}, src.municipality_id, src.unit_id, s.key, s.value::numeric
      FROM src CROSS JOIN jsonb_each_text(src.scores) AS s`.execute(db);
  }
  await sql`DROP TABLE bench_template`.execute(db);
  await sql`DROP TABLE bench_unit`.execute(db);
  await sql`ANALYZE`.execute(db);
  return project.id;
}

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
    const projectId = await fill(database.db, instrument, responses);
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
