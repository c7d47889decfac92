/**
 * `npm run bench [-- --smoke]`: submit throughput and latency at 100 concurrent clients against a local
 * Digikompass server, on PGlite and on PostgreSQL, beside the raw single-row INSERT rate of the same
 * database through the same driver. Target: submit ≥ 60 % of the raw INSERT rate on PostgreSQL.
 * Prints figures; asserts nothing. `--smoke` runs a tiny size (CI) just to prove the benchmark works.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import type { SurveyInfo } from '../src/contracts/api.js';
import type { Answers } from '../src/contracts/instrument.js';
import { answerableItems } from '../src/domain/instrument.js';
import { startServer } from '../src/server/server.js';

const smoke = process.argv.includes('--smoke');
const total = smoke ? 100 : 5000;
const concurrency = smoke ? 10 : 100;
const pgAdminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A plausible full answer set: every Likert item answered, first option of every choice. */
function typicalAnswers(info: SurveyInfo): Answers {
  const answers: Answers = {};
  for (const a of answerableItems(info.instrument)) {
    if (a.kind === 'likert' && a.scale) answers[a.id] = a.scale.points[Math.floor(a.scale.points.length / 2)]!.value;
    else if (a.kind === 'single' && a.item.type === 'single') answers[a.id] = a.item.options[0]!.value;
    else if (a.kind === 'number' && a.item.type === 'number') answers[a.id] = a.item.min;
  }
  return answers;
}

async function pool<T>(n: number, width: number, task: (i: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await task(next++);
  }));
}

async function benchOne(kind: 'pglite' | 'postgres') {
  let dropDb: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    const name = `dk_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgAdminUrl });
    try {
      await admin.connect();
    } catch (e) {
      console.log(`postgres: skipped (${pgAdminUrl} unreachable: ${(e as Error).message})`);
      return;
    }
    await admin.query(`CREATE DATABASE ${name}`);
    databaseUrl = pgAdminUrl.replace(/\/[^/]*$/, `/${name}`);
    dropDb = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'dk-bench-'));
  }

  // No background jobs: building every demo municipality's release would compete with the submits being measured.
  const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl, dataDir, seed: 'demo', log: false, rateLimits: false, jobs: false });
  try {
    const info = (await (await fetch(`${server.url}/api/v1/survey/demo-gol-t1`)).json()) as SurveyInfo;
    const answers = typicalAnswers(info);
    // The load comes from autocannon in a worker thread, so that client and server do not share one event loop.
    const body = (consentVersion: number) => JSON.stringify({
      idempotencyKey: 'bench-[<id>]', consentVersion, language: 'nb', unitId: info.units[0]?.id ?? null, answers,
    });
    const load = (amount: number, consentVersion = info.consent.version) => autocannon({
      url: `${server.url}/api/v1/survey/demo-gol-t1/responses`, method: 'POST', headers: { 'content-type': 'application/json' },
      body: body(consentVersion), idReplacement: true, connections: concurrency, amount, workers: 1,
    });
    await load(Math.min(200, total)); // warm-up
    const result = await load(total);
    const submitRate = result.requests.total / result.duration;
    const failures = result.non2xx + result.errors;
    if (failures > 0) console.log(`${kind}: failures by status ${JSON.stringify(result.statusCodeStats)}, errors ${result.errors}, timeouts ${result.timeouts}`);
    const latency = { p50: result.latency.p50, p99: result.latency.p99 };

    // The HTTP ceiling of this machine: the same submits, turned away (outdated consent, 409) after
    // parsing and checking but before any write — what the server can do with no database work at all.
    const rejected = await load(total, info.consent.version + 1000);
    const ceiling = rejected.requests.total / rejected.duration;

    // The same database, the same driver: plain single-row INSERTs of the same payload.
    await sql`CREATE TABLE bench_raw (id uuid PRIMARY KEY, answers jsonb NOT NULL, submitted_on date NOT NULL)`.execute(server.db);
    const payload = JSON.stringify(answers);
    const t1 = performance.now();
    await pool(total, concurrency, async () => {
      await sql`INSERT INTO bench_raw (id, answers, submitted_on) VALUES (${randomUUID()}, ${payload}::jsonb, current_date)`.execute(server.db);
    });
    const rawRate = total / ((performance.now() - t1) / 1000);

    console.log(
      `${kind.padEnd(8)} submit: ${submitRate.toFixed(0)} responses/s, p50 ${latency.p50.toFixed(1)} ms, ` +
        `p99 ${latency.p99.toFixed(1)} ms, failures ${failures} | raw INSERT: ${rawRate.toFixed(0)} rows/s | ` +
        `ratio ${((100 * submitRate) / rawRate).toFixed(0)} % (${total} submits, ${concurrency} concurrent)\n` +
        `${''.padEnd(8)} HTTP ceiling (same submit rejected before any write): ${ceiling.toFixed(0)} requests/s; ` +
        `submit is ${((100 * submitRate) / ceiling).toFixed(0)} % of it`,
    );
  } finally {
    await server.close();
    await dropDb?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`Digikompass submit benchmark${smoke ? ' (smoke size)' : ''}`);
await benchOne('pglite');
await benchOne('postgres');
