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
}
