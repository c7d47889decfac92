/**
 * `npm run bench:results [-- --smoke]`: results views on national-scale synthetic data — 200,000
 * respondents × 2 waves (T0, T1) in 100 municipalities and 10 regions, on PostgreSQL and PGlite.
 *
 * Results are frozen releases (docs/disclosure.md), built once when a wave closes and then read from
 * storage. The bench builds the releases of one region's municipalities for both waves (the build time is
 * printed: it is a background job's, once per wave), then times:
 * - a municipality view (leader: own release + rest of region + outside the region + the previous wave),
 * - a region view (coordinator: the region by municipality + outside the region),
 * - the national benchmark on its own (the outside-region release),
 * each as p50/p95 over repeated calls of ReleaseService.view(), beside a plain SQL GROUP BY over the same
 * rows (score count and mean per unit and scale for the municipality; per municipality and scale for the
 * region; per scale for the nation). `--smoke` (CI): 1,000 respondents per wave in 4 municipalities. Prints; asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { systemClock } from '../src/server/adapters/clock.js';
import { argon2Hasher } from '../src/server/adapters/passwords.js';
import { secretsFromKey } from '../src/server/adapters/secrets.js';
import { migrateToLatest, openDatabase, type DatabaseOptions } from '../src/server/db/database.js';
import type { DB } from '../src/server/db/schema.js';
import type { Viewer } from '../src/server/services/access.js';
import { createServices } from '../src/server/services/index.js';
import { DEFAULT_INSTRUMENTS_DIR } from '../src/server/services/instrument.service.js';
import { fillSynthetic } from './fill.js';

const smoke = process.argv.includes('--smoke');
const sizeArg = Number(process.argv.find((a) => a.startsWith('--size='))?.slice('--size='.length));
const RESPONSES = Number.isInteger(sizeArg) && sizeArg > 0 ? sizeArg : smoke ? 1_000 : 200_000;
// Smoke: two regions of two municipalities, so the bench still builds a first and a further municipality.
const MUNICIPALITIES = smoke ? 4 : 100;
const REGIONS = smoke ? 2 : 10;
const RUNS = smoke ? 5 : 50;
const pgAdminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
async function timed(runs: number, f: () => Promise<unknown>): Promise<string> {
  await f(); // warm
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return `p50 ${quantile(ms, 0.5).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms`;
}

const viewer = (o: Partial<Viewer> & Pick<Viewer, 'role'>): Viewer => ({ accountId: '00000000-0000-0000-0000-000000000001', email: 'bench@example.test', displayName: 'Bench', municipalityId: null, ...o });

async function benchOne(kind: 'postgres' | 'pglite'): Promise<void> {
  let spec: DatabaseOptions;
  let cleanup: () => Promise<void>;
  if (kind === 'postgres') {
    const name = `dk_bench_results_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgAdminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(pgAdminUrl);
    url.pathname = `/${name}`;
    spec = { databaseUrl: url.toString() };
    cleanup = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'dk-bench-results-'));
    spec = { dataDir: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const database = await openDatabase(spec);
  try {
    const db: Kysely<DB> = database.db;
    await migrateToLatest(db);
    const services = createServices({ db, clock: systemClock, secrets: secretsFromKey(randomBytes(32)), passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }), publicUrl: () => 'http://localhost' });
    await services.instruments.loadDirectory(DEFAULT_INSTRUMENTS_DIR);
    const instrument = await services.instruments.get('digikompass', '1.0.0');
    let t = performance.now();
    const filled = await fillSynthetic(db, instrument, { responses: RESPONSES, municipalities: MUNICIPALITIES, units: 4, waves: ['T0', 'T1'], regions: REGIONS });
    console.log(`  ${kind}: ${RESPONSES.toLocaleString('en')} respondents × 2 waves in ${MUNICIPALITIES} municipalities, filled in ${((performance.now() - t) / 1000).toFixed(0)} s`);

    // One region's releases, both waves (T0 first: T1's view shows it as the previous wave).
    const regionId = filled.municipalities[0]!.regionId!;
    const members = filled.municipalities.filter((m) => m.regionId === regionId);
    for (const waveId of filled.waveIds) {
      t = performance.now();
      await services.releases.buildFor(waveId, members[0]!.id, { early: false, by: null });
      const first = (performance.now() - t) / 1000;
      t = performance.now();
      for (const m of members.slice(1)) await services.releases.buildFor(waveId, m.id, { early: false, by: null });
      const rest = (performance.now() - t) / 1000 / Math.max(1, members.length - 1);
      console.log(`    build (once per wave): first municipality with the region's and outside-region releases ${first.toFixed(1)} s; each further municipality ${rest.toFixed(1)} s`);
    }
    const [, t1] = filled.waveIds as [string, string];
    const m = members[0]!.id;
    const leader = viewer({ role: 'municipality_leader', municipalityId: m });
    const coordinator = viewer({ role: 'region_coordinator', regionId, regionMunicipalityIds: members.map((x) => x.id) });
    const bytes = (await services.releases.view(leader, t1, {})).length;
    console.log(`    municipality view (${(bytes / 1024).toFixed(0)} kB):  ${await timed(RUNS, () => services.releases.view(leader, t1, {}))}`);
    console.log(`      plain GROUP BY (unit × scale):   ${await timed(RUNS, () => sql`SELECT unit_id, scale_id, count(*), avg(score) FROM response_score WHERE wave_id = ${t1} AND municipality_id = ${m} GROUP BY 1, 2`.execute(db))}`);
    console.log(`    region view:                      ${await timed(RUNS, () => services.releases.view(coordinator, t1, {}))}`);
    const ids = members.map((x) => x.id);
    console.log(`      plain GROUP BY (municipality × scale): ${await timed(RUNS, () => sql`SELECT municipality_id, scale_id, count(*), avg(score) FROM response_score WHERE wave_id = ${t1} AND municipality_id IN (${sql.join(ids)}) GROUP BY 1, 2`.execute(db))}`);
    console.log(`    national benchmark (stored):      ${await timed(RUNS, () => services.repos.releases.find(t1, 'outside_region', regionId))}`);
    console.log(`      plain GROUP BY (scale, all):     ${await timed(Math.min(RUNS, 10), () => sql`SELECT scale_id, count(*), avg(score) FROM response_score WHERE wave_id = ${t1} GROUP BY 1`.execute(db))}`);
  } finally {
    await database.close();
    await cleanup();
  }
}

console.log(`Results views${smoke ? ' (smoke)' : ''}:`);
let pgUp = true;
try {
  const c = new pg.Client({ connectionString: pgAdminUrl });
  await c.connect();
  await c.end();
} catch {
  pgUp = false;
  console.log(`  postgres: skipped (${pgAdminUrl} not reachable)`);
}
if (pgUp) await benchOne('postgres');
await benchOne('pglite');
