/** Regions, municipalities (with dated codes and region memberships) and units. */
import { sql, type Kysely } from 'kysely';
import type { Language } from '../../contracts/instrument.js';
import type { MunicipalityAttributesView } from '../../contracts/municipality-attributes.js';
import type { DB } from '../db/schema.js';
import { municipalityFilter, type Scope } from '../services/access.js';
import { ATTRIBUTE_COLUMNS, attributesViewOf } from './municipality-attributes.repository.js';

export interface RegionRecord {
  id: string;
  code: string;
  name: string;
}

export interface MunicipalityRecord {
  id: string;
  ssbCode: string;
  name: string;
  defaultLanguage: Language;
  regionId: string | null;
}

export interface UnitRecord {
  id: string;
  municipalityId: string;
  name: string;
  staffCount: number;
}

export class OrganisationRepository {
  constructor(private readonly db: Kysely<DB>) {}

  listRegions(): Promise<RegionRecord[]> {
    return this.db.selectFrom('region').select(['id', 'code', 'name']).orderBy('name').execute();
  }

  async createRegion(input: { code: string; name: string }): Promise<RegionRecord> {
    return this.db.insertInto('region').values(input).returning(['id', 'code', 'name']).executeTakeFirstOrThrow();
  }

  async regionExists(id: string): Promise<boolean> {
    return (await this.db.selectFrom('region').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  private municipalities(scope: Scope) {
    let q = this.db
      .selectFrom('municipality as m')
      .leftJoin('region_membership as rm', (j) => j.onRef('rm.municipality_id', '=', 'm.id').on('rm.valid_to', 'is', null))
      .select(['m.id', 'm.ssb_code as ssbCode', 'm.name', 'm.default_language as defaultLanguage', 'rm.region_id as regionId']);
    const ids = municipalityFilter(scope);
    if (ids) q = q.where('m.id', 'in', ids);
    return q;
  }

  /** With their attributes (population, county, centrality, size class) for the lists. */
  async listMunicipalities(scope: Scope): Promise<(MunicipalityRecord & { attributes: MunicipalityAttributesView })[]> {
    const rows = await this.municipalities(scope).select(ATTRIBUTE_COLUMNS).orderBy('m.name').execute();
    return rows.map((r) => ({ id: r.id, ssbCode: r.ssbCode, name: r.name, defaultLanguage: r.defaultLanguage, regionId: r.regionId, attributes: attributesViewOf(r) }));
  }

  async getMunicipality(scope: Scope, id: string): Promise<MunicipalityRecord | undefined> {
    return this.municipalities(scope).where('m.id', '=', id).executeTakeFirst();
  }

  /** A municipality with its first code-history row and, when given, its region membership, from `today`. */
  async createMunicipality(
    input: { ssbCode: string; name: string; defaultLanguage: Language; regionId: string | null },
    today: string,
  ): Promise<MunicipalityRecord> {
    return this.db.transaction().execute(async (trx) => {
      const m = await trx
        .insertInto('municipality')
        .values({ ssb_code: input.ssbCode, name: input.name, default_language: input.defaultLanguage })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('municipality_code_history')
        .values({ municipality_id: m.id, ssb_code: input.ssbCode, name: input.name, valid_from: today, valid_to: null })
        .execute();
      if (input.regionId) {
        await trx
          .insertInto('region_membership')
          .values({ region_id: input.regionId, municipality_id: m.id, valid_from: today, valid_to: null })
          .execute();
      }
      return { id: m.id, ...input };
    });
  }

  private units(scope: Scope) {
    let q = this.db.selectFrom('unit').select(['id', 'municipality_id as municipalityId', 'name', 'staff_count as staffCount']);
    const ids = municipalityFilter(scope);
    if (ids) q = q.where('municipality_id', 'in', ids);
    return q;
  }

  listUnits(scope: Scope, municipalityId: string): Promise<UnitRecord[]> {
    return this.units(scope).where('municipality_id', '=', municipalityId).orderBy('name').execute();
  }

  getUnit(scope: Scope, id: string): Promise<UnitRecord | undefined> {
    return this.units(scope).where('id', '=', id).executeTakeFirst();
  }

  createUnit(municipalityId: string, input: { name: string; staffCount: number }): Promise<UnitRecord> {
    return this.db
      .insertInto('unit')
      .values({ municipality_id: municipalityId, name: input.name, staff_count: input.staffCount })
      .returning(['id', 'municipality_id as municipalityId', 'name', 'staff_count as staffCount'])
      .executeTakeFirstOrThrow();
  }

  async updateUnit(id: string, patch: { name?: string | undefined; staffCount?: number | undefined }): Promise<UnitRecord | undefined> {
    const values: { name?: string; staff_count?: number } = {};
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.staffCount !== undefined) values.staff_count = patch.staffCount;
    if (Object.keys(values).length === 0) return this.getUnit({ kind: 'platform' }, id);
    return this.db
      .updateTable('unit')
      .set(values)
      .where('id', '=', id)
      .returning(['id', 'municipality_id as municipalityId', 'name', 'staff_count as staffCount'])
      .executeTakeFirst();
  }

  /** Is the municipality a member of the project (so it takes part in the project's waves)? */
  async isProjectMember(projectId: string, municipalityId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('project_municipality')
      .select(sql<number>`1`.as('one'))
      .where('project_id', '=', projectId)
      .where('municipality_id', '=', municipalityId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Per project the municipality takes part in: whether its answers count in region and national benchmarks. */
  benchmarkChoices(municipalityId: string): Promise<{ projectId: string; projectName: string; optIn: boolean }[]> {
    return this.db
      .selectFrom('project_municipality as pm')
      .innerJoin('project as p', 'p.id', 'pm.project_id')
      .select(['p.id as projectId', 'p.name as projectName', 'pm.benchmark_opt_in as optIn'])
      .where('pm.municipality_id', '=', municipalityId)
      .orderBy('p.created_at')
      .execute();
  }

  /** false when the municipality does not take part in the project. */
  async setBenchmarkOptIn(projectId: string, municipalityId: string, optIn: boolean): Promise<boolean> {
    const r = await this.db
      .updateTable('project_municipality')
      .set({ benchmark_opt_in: optIn })
      .where('project_id', '=', projectId)
      .where('municipality_id', '=', municipalityId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async addProjectMember(projectId: string, municipalityId: string): Promise<void> {
    await this.db
      .insertInto('project_municipality')
      .values({ project_id: projectId, municipality_id: municipalityId })
      .onConflict((oc) => oc.columns(['project_id', 'municipality_id']).doNothing())
      .execute();
  }
}
