/**
 * Live counts for one municipality in one wave (participation, completion time), aggregated in SQL. Never
 * single responses, and never answers or scores: those reach viewers only through the frozen release.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface UnitStaff {
  unitId: string;
  name: string;
  /** The snapshot taken when the wave opened, else the unit's current headcount. */
  staff: number;
}

/** One instrument version. */
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
}
