/**
 * Counts and sums for one municipality in one wave, aggregated in SQL. Never single responses:
 * disclosure control (src/domain/disclosure.ts) decides afterwards what may be shown.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface UnitStaff {
  unitId: string;
  name: string;
  /** The snapshot taken when the wave opened, else the unit's current headcount. */
  staff: number;
}

export interface ScaleCell {
  unitId: string | null;
  scaleId: string;
  /** 0-based level (the number of cut points the score reaches). */
  level: number;
  n: number;
  sum: number;
}

/** How many responses answered an item, or chose one of its values (multi choice: each chosen value). */
export interface AnswerCount {
  itemId: string;
  /** null: the row counts the responses that answered the item at all. */
  value: string | null;
  n: number;
}

/** One instrument version; results of a form count only the responses given on it. */
export interface InstrumentRef {
  id: string;
  version: string;
}

export class ResultsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async unitsWithStaff(waveId: string, municipalityId: string): Promise<UnitStaff[]> {
    const rows = await sql<UnitStaff>`
      SELECT u.id AS "unitId", u.name,
        coalesce((SELECT sum(s.headcount) FROM staff_count s WHERE s.wave_id = ${waveId} AND s.unit_id = u.id), u.staff_count)::int AS staff
      FROM unit u
      WHERE u.municipality_id = ${municipalityId}
      ORDER BY u.name`.execute(this.db);
    return rows.rows;
  }

  /** Responses per day and unit (the day of submission; unitId null: without a unit), oldest first. */
  async responsesByDay(waveId: string, municipalityId: string): Promise<{ day: string; unitId: string | null; n: number }[]> {
    return this.db
      .selectFrom('response')
      .select(['submitted_on as day', 'unit_id as unitId', sql<number>`count(*)::int`.as('n')])
      .where('wave_id', '=', waveId)
      .where('municipality_id', '=', municipalityId)
      .groupBy(['submitted_on', 'unit_id'])
      .orderBy('submitted_on')
      .execute();
  }

  /** Responses per unit (unitId null: responses without a unit); only those given on `instrument` when named. */
  async responseCounts(waveId: string, municipalityId: string, instrument?: InstrumentRef): Promise<{ unitId: string | null; n: number }[]> {
    let q = this.db
      .selectFrom('response')
      .select(['unit_id as unitId', sql<number>`count(*)::int`.as('n')])
      .where('wave_id', '=', waveId)
      .where('municipality_id', '=', municipalityId);
    if (instrument) q = q.where('instrument_id', '=', instrument.id).where('instrument_version', '=', instrument.version);
    return q.groupBy('unit_id').execute();
  }

  /** Per unit × scale × level: how many scores and their sum, of the responses given on `instrument`. `cutPoints` ascending. */
  async scaleCells(waveId: string, municipalityId: string, instrument: InstrumentRef, cutPoints: readonly number[]): Promise<ScaleCell[]> {
    const cuts = sql.raw(`ARRAY[${cutPoints.map((c) => Number(c).toString()).join(',')}]::numeric[]`);
    const rows = await sql<ScaleCell>`
      SELECT s.unit_id AS "unitId", s.scale_id AS "scaleId", width_bucket(s.score, ${cuts})::int AS level,
        count(*)::int AS n, sum(s.score)::float8 AS sum
      FROM response_score s JOIN response r ON r.id = s.response_id
      WHERE s.wave_id = ${waveId} AND s.municipality_id = ${municipalityId}
        AND r.instrument_id = ${instrument.id} AND r.instrument_version = ${instrument.version}
      GROUP BY s.unit_id, s.scale_id, level`.execute(this.db);
    return rows.rows;
  }

  /** The instruments the wave's links serve other than the wave's own (e.g. the short form); one municipality's links, or all. */
  async otherLinkInstruments(waveId: string, municipalityId: string | null): Promise<(InstrumentRef & { form: string })[]> {
    let q = this.db
      .selectFrom('survey_link as l')
      .innerJoin('wave as w', 'w.id', 'l.wave_id')
      .innerJoin('instrument as i', (j) => j.onRef('i.id', '=', 'l.instrument_id').onRef('i.version', '=', 'l.instrument_version'))
      .select(['i.id', 'i.version', 'i.form'])
      .distinct()
      .where('l.wave_id', '=', waveId)
      .where((eb) => eb.or([eb('i.id', '<>', eb.ref('w.instrument_id')), eb('i.version', '<>', eb.ref('w.instrument_version'))]));
    if (municipalityId !== null) q = q.where('l.municipality_id', '=', municipalityId);
    return q.orderBy('i.form').orderBy('i.id').orderBy('i.version').execute();
  }

  /** Per form: how many responses have a measured completion time, and their median in minutes. */
  async completionMedians(waveId: string, municipalityId: string | null): Promise<{ form: string; n: number; median: number }[]> {
    const rows = await sql<{ form: string; n: number; median: number }>`
      SELECT form, count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY active_minutes)::float8 AS median
      FROM response
      WHERE wave_id = ${waveId} AND active_minutes IS NOT NULL
        AND (${municipalityId}::uuid IS NULL OR municipality_id = ${municipalityId}::uuid)
      GROUP BY form`.execute(this.db);
    return rows.rows;
  }

  /**
   * For the given items: per item, how many responses answered it (value null), and how many gave each
   * value (a string or number answer as text, or each element of an array answer). Answers to hidden items
   * are never stored.
   */
  async answerCounts(waveId: string, municipalityId: string, itemIds: readonly string[]): Promise<AnswerCount[]> {
    if (itemIds.length === 0) return [];
    const rows = await sql<AnswerCount>`
      WITH answer AS (
        SELECT a.key AS item_id, a.value
        FROM response r CROSS JOIN LATERAL jsonb_each(r.answers) AS a
        WHERE r.wave_id = ${waveId} AND r.municipality_id = ${municipalityId}
          AND a.key IN (${sql.join(itemIds)})
      )
      SELECT item_id AS "itemId", NULL::text AS value, count(*)::int AS n
      FROM answer
      WHERE jsonb_typeof(value) IN ('string', 'number') OR (jsonb_typeof(value) = 'array' AND jsonb_array_length(value) > 0)
      GROUP BY item_id
      UNION ALL
      SELECT item_id, value #>> '{}', count(*)::int FROM answer WHERE jsonb_typeof(value) IN ('string', 'number') GROUP BY item_id, value #>> '{}'
      UNION ALL
      SELECT item_id, e.v, count(*)::int
      FROM answer CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(value) = 'array' THEN value ELSE '[]'::jsonb END) AS e(v)
      GROUP BY item_id, e.v`.execute(this.db);
    return rows.rows;
  }
}
