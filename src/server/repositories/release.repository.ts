/**
 * Frozen releases (migration 006) and the rows they are built from. Responses are read page by page
 * (keyset on id) so a national benchmark never holds every answer in memory.
 */
import { sql, type Kysely } from 'kysely';
import type { Answers } from '../../contracts/instrument.js';
import type { DB, ResultReleaseTable } from '../db/schema.js';

export type ReleaseKind = ResultReleaseTable['kind'];

export interface ReleaseRow {
  waveId: string;
  kind: ReleaseKind;
  subjectId: string;
  k: number;
  respondents: number;
  early: boolean;
  createdAt: Date;
}

export interface ReleaseResponse {
  id: string;
  municipalityId: string;
  unitId: string | null;
  instrumentId: string;
  instrumentVersion: string;
  answers: Answers;
}

const PAGE = 2_000;

export class ReleaseRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async find(waveId: string, kind: ReleaseKind, subjectId: string): Promise<(ReleaseRow & { body: string }) | undefined> {
    return this.db
      .selectFrom('result_release')
      .select(['wave_id as waveId', 'kind', 'subject_id as subjectId', 'k', 'respondents', 'early', 'created_at as createdAt', 'body'])
      .where('wave_id', '=', waveId)
      .where('kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
  }

  async exists(waveId: string, kind: ReleaseKind, subjectId: string): Promise<boolean> {
    const row = await this.db.selectFrom('result_release').select('id').where('wave_id', '=', waveId).where('kind', '=', kind).where('subject_id', '=', subjectId).executeTakeFirst();
    return row !== undefined;
  }

  /** Stores a release unless one exists (then the first one stays: a wave has one release per subject). */
  async save(row: Omit<ReleaseRow, 'createdAt'> & { createdBy: string | null; body: object }): Promise<boolean> {
    const result = await this.db
      .insertInto('result_release')
      .values({
        wave_id: row.waveId,
        kind: row.kind,
        subject_id: row.subjectId,
        k: row.k,
        respondents: row.respondents,
        early: row.early,
        created_by: row.createdBy,
        body: JSON.stringify(row.body),
      })
      .onConflict((oc) => oc.columns(['wave_id', 'kind', 'subject_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Responses of a wave in these municipalities, a page at a time. */
  async *responses(waveId: string, municipalityIds: readonly string[]): AsyncGenerator<ReleaseResponse[]> {
    if (municipalityIds.length === 0) return;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await this.db
        .selectFrom('response')
        .select(['id', 'municipality_id as municipalityId', 'unit_id as unitId', 'instrument_id as instrumentId', 'instrument_version as instrumentVersion', 'answers'])
        .where('wave_id', '=', waveId)
        .where('municipality_id', 'in', [...municipalityIds])
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]!.id;
      if (page.length < PAGE) return;
    }
  }

  /** The instrument versions the responses were given on (the wave's own form first when used). */
  async formsUsed(waveId: string, municipalityIds: readonly string[]): Promise<{ instrumentId: string; instrumentVersion: string }[]> {
    if (municipalityIds.length === 0) return [];
    return this.db
      .selectFrom('response')
      .select(['instrument_id as instrumentId', 'instrument_version as instrumentVersion'])
      .distinct()
      .where('wave_id', '=', waveId)
      .where('municipality_id', 'in', [...municipalityIds])
      .orderBy('instrument_id')
      .orderBy('instrument_version')
      .execute();
  }

  async responseCount(waveId: string, municipalityId: string): Promise<number> {
    const row = await this.db.selectFrom('response').select(sql<number>`count(*)::int`.as('n')).where('wave_id', '=', waveId).where('municipality_id', '=', municipalityId).executeTakeFirstOrThrow();
    return row.n;
  }

  /** The project's municipalities, whether they take part in benchmarks, and their current region. */
  async participants(projectId: string): Promise<{ municipalityId: string; name: string; optIn: boolean; regionId: string | null }[]> {
    return this.db
      .selectFrom('project_municipality as pm')
      .innerJoin('municipality as m', 'm.id', 'pm.municipality_id')
      .leftJoin('region_membership as rm', (j) => j.onRef('rm.municipality_id', '=', 'm.id').on('rm.valid_to', 'is', null))
      .select(['m.id as municipalityId', 'm.name', 'pm.benchmark_opt_in as optIn', 'rm.region_id as regionId'])
      .where('pm.project_id', '=', projectId)
      .orderBy('m.name')
      .execute();
  }

  /** Waves that have closed, with the subjects still without a release: [wave, municipality] pairs. */
  async due(now: Date): Promise<{ waveId: string; municipalityId: string }[]> {
    return this.db
      .selectFrom('wave as w')
      .innerJoin('project_municipality as pm', 'pm.project_id', 'w.project_id')
      .leftJoin('wave_municipality as wm', (j) => j.onRef('wm.wave_id', '=', 'w.id').onRef('wm.municipality_id', '=', 'pm.municipality_id'))
      .select(['w.id as waveId', 'pm.municipality_id as municipalityId'])
      .where(sql<boolean>`coalesce(wm.closes_at, w.closes_at) <= ${now}`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('result_release as r').select('r.id').whereRef('r.wave_id', '=', 'w.id').whereRef('r.subject_id', '=', 'pm.municipality_id').where('r.kind', '=', 'municipality'))),
      )
      .orderBy('w.closes_at')
      .execute();
  }

  async unitNames(municipalityId: string): Promise<{ id: string; name: string }[]> {
    return this.db.selectFrom('unit').select(['id', 'name']).where('municipality_id', '=', municipalityId).orderBy('name').execute();
  }

  async regionName(regionId: string): Promise<string | undefined> {
    return (await this.db.selectFrom('region').select('name').where('id', '=', regionId).executeTakeFirst())?.name;
  }
}
