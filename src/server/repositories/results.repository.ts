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

  /** Responses per unit (unitId null: responses without a unit). */
  async responseCounts(waveId: string, municipalityId: string): Promise<{ unitId: string | null; n: number }[]> {
    return this.db
      .selectFrom('response')
      .select(['unit_id as unitId', sql<number>`count(*)::int`.as('n')])
      .where('wave_id', '=', waveId)
      .where('municipality_id', '=', municipalityId)
      .groupBy('unit_id')
      .execute();
  }

  /** Per unit × scale × level: how many scores and their sum. `cutPoints` ascending. */
  async scaleCells(waveId: string, municipalityId: string, cutPoints: readonly number[]): Promise<ScaleCell[]> {
    const cuts = sql.raw(`ARRAY[${cutPoints.map((c) => Number(c).toString()).join(',')}]::numeric[]`);
    const rows = await sql<ScaleCell>`
      SELECT unit_id AS "unitId", scale_id AS "scaleId", width_bucket(score, ${cuts})::int AS level,
        count(*)::int AS n, sum(score)::float8 AS sum
      FROM response_score
      WHERE wave_id = ${waveId} AND municipality_id = ${municipalityId}
      GROUP BY unit_id, scale_id, level`.execute(this.db);
    return rows.rows;
  }

  /**
   * For the given items: per item, how many responses answered it (value null), and how many gave each
   * value (a string answer, or each element of an array answer). Answers to hidden items are never stored.
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
      WHERE jsonb_typeof(value) = 'string' OR (jsonb_typeof(value) = 'array' AND jsonb_array_length(value) > 0)
      GROUP BY item_id
      UNION ALL
      SELECT item_id, value #>> '{}', count(*)::int FROM answer WHERE jsonb_typeof(value) = 'string' GROUP BY item_id, value #>> '{}'
      UNION ALL
      SELECT item_id, e.v, count(*)::int
      FROM answer CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(value) = 'array' THEN value ELSE '[]'::jsonb END) AS e(v)
      GROUP BY item_id, e.v`.execute(this.db);
    return rows.rows;
  }
}
