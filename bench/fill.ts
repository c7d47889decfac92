/**
 * A database filled with synthetic responses for the benchmarks: one project, waves T0, T1, …, municipalities
 * (optionally in regions, all taking part in benchmarks) with units, and per wave `responses` answers made
 * from a few thousand synthetic answer sets (generating 200,000 in JavaScript would time the generator).
 * Stored scores are written with the responses, as a submit writes them.
 */
import { sql, type Kysely } from 'kysely';
import type { Instrument } from '../src/contracts/instrument.js';
import { scoreResponse, SCORING_VERSION } from '../src/domain/scoring.js';
import type { DB } from '../src/server/db/schema.js';
import { json } from '../src/server/db/schema.js';
import { createRng } from '../src/server/db/seed/random.js';
import { modelOf, syntheticAnswers } from '../src/server/db/seed/synthetic.js';

const TEMPLATES = 2_000;

export interface FillOptions {
  responses: number;
  municipalities: number;
  units: number;
  /** Wave labels; each closes a month after it opens, a year apart, all in the past. */
  waves?: readonly string[];
  /** Municipalities are spread over this many regions (0: none). */
  regions?: number;
}

export interface Filled {
  projectId: string;
  waveIds: string[];
  municipalities: { id: string; regionId: string | null }[];
}

export async function fillSynthetic(db: Kysely<DB>, instrument: Instrument, o: FillOptions): Promise<Filled> {
  const project = await db.insertInto('project').values({ name: 'Benchmark', end_date: '2099-12-31' }).returning('id').executeTakeFirstOrThrow();
  const labels = o.waves ?? ['T0'];
  const waveIds: string[] = [];
  for (const [i, label] of labels.entries()) {
    const year = 2024 + i;
    const wave = await db
      .insertInto('wave')
      .values({ project_id: project.id, label, instrument_id: instrument.id, instrument_version: instrument.version, opens_at: new Date(`${year}-01-01`), closes_at: new Date(`${year}-02-01`) })
      .returning('id')
      .executeTakeFirstOrThrow();
    waveIds.push(wave.id);
  }
  const regionIds: string[] = [];
  for (let r = 0; r < (o.regions ?? 0); r++) {
    regionIds.push((await db.insertInto('region').values({ code: `r${r + 1}`, name: `Region ${r + 1}` }).returning('id').executeTakeFirstOrThrow()).id);
  }
  const units: { i: number; municipality: string; unit: string }[] = [];
  const municipalities: Filled['municipalities'] = [];
  for (let m = 0; m < o.municipalities; m++) {
    const muni = await db.insertInto('municipality').values({ ssb_code: String(3000 + m), name: `Kommune ${m + 1}`, default_language: 'nb' }).returning('id').executeTakeFirstOrThrow();
    const regionId = regionIds.length > 0 ? regionIds[m % regionIds.length]! : null;
    if (regionId) await db.insertInto('region_membership').values({ region_id: regionId, municipality_id: muni.id, valid_from: '2020-01-01', valid_to: null }).execute();
    await db.insertInto('project_municipality').values({ project_id: project.id, municipality_id: muni.id, benchmark_opt_in: regionIds.length > 0 }).execute();
    municipalities.push({ id: muni.id, regionId });
    for (let u = 0; u < o.units; u++) {
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
  for (const [w, waveId] of waveIds.entries()) {
    for (let from = 0; from < o.responses; from += slice) {
      const to = Math.min(o.responses, from + slice);
      await sql`
        WITH src AS MATERIALIZED (
          SELECT gen_random_uuid() AS id, g, t.answers, t.scores, u.municipality_id, u.unit_id
          FROM generate_series(${from}::int, ${to - 1}::int) AS g
          JOIN bench_template t ON t.i = (g + ${w * 7}::int) % ${TEMPLATES}::int
          JOIN bench_unit u ON u.i = g % ${units.length}::int
        ), responses AS (
          INSERT INTO response (id, wave_id, municipality_id, unit_id, instrument_id, instrument_version, form, answers, submitted_on, source, language,
            consent_version, scoring_version, active_minutes, link_method)
          SELECT id, ${waveId}, municipality_id, unit_id, ${instrument.id}, ${instrument.version}, 'full', answers, DATE '2026-01-15' + (g % 14)::int,
            'web', (ARRAY['nb', 'nn', 'en'])[1 + g % 3], 1, ${SCORING_VERSION}, 10 + g % 20, (ARRAY[NULL, 'receipt', 'code'])[1 + g % 3]
          FROM src
          RETURNING id
        )
        INSERT INTO response_score (response_id, wave_id, municipality_id, unit_id, scale_id, score)
        SELECT src.id, ${waveId}, src.municipality_id, src.unit_id, s.key, s.value::numeric
        FROM src CROSS JOIN jsonb_each_text(src.scores) AS s`.execute(db);
    }
  }
  await sql`DROP TABLE bench_template`.execute(db);
  await sql`DROP TABLE bench_unit`.execute(db);
  await sql`ANALYZE`.execute(db);
  return { projectId: project.id, waveIds, municipalities };
}
