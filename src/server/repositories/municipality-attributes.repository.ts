/** Municipality attributes (migration 007): read, write one, apply an import in one transaction; the input of breakdowns. */
import type { Kysely } from 'kysely';
import {
  isCentralityClass,
  sizeClass,
  type BreakdownMunicipality,
  type CodeHistoryEntry,
  type MunicipalityAttributes,
  type StoredMunicipality,
} from '../../domain/municipality-attributes.js';
import type { MunicipalityAttributesView } from '../../contracts/municipality-attributes.js';
import type { DB } from '../db/schema.js';
import { InfrastructureRepository, type AuditEntry } from './infrastructure.repository.js';

/** The attribute columns of `municipality`, for a select on the table aliased `m`. */
export const ATTRIBUTE_COLUMNS = [
  'm.population',
  'm.population_year',
  'm.county_code',
  'm.county_name',
  'm.centrality',
  'm.attributes_updated_at',
] as const;

export interface AttributeColumns {
  population: number | null;
  population_year: number | null;
  county_code: string | null;
  county_name: string | null;
  centrality: number | null;
  attributes_updated_at: Date | null;
}

export function attributesOf(row: AttributeColumns): MunicipalityAttributes {
  return {
    population: row.population,
    populationYear: row.population_year,
    countyCode: row.county_code,
    countyName: row.county_name,
    centrality: isCentralityClass(row.centrality) ? row.centrality : null,
  };
}

/** The attributes as shown: with the size class derived from the population. */
export function attributesViewOf(row: AttributeColumns): MunicipalityAttributesView {
  return { ...attributesOf(row), sizeClass: sizeClass(row.population), updatedAt: row.attributes_updated_at?.toISOString() ?? null };
}

function columnsOf(a: MunicipalityAttributes, at: Date) {
  return {
    population: a.population,
    population_year: a.populationYear,
    county_code: a.countyCode,
    county_name: a.countyName,
    centrality: a.centrality,
    attributes_updated_at: at,
  };
}

/** A municipality's breakdown attributes with the names of its county and region. */
export type NamedBreakdownMunicipality = BreakdownMunicipality & { countyName: string | null; regionName: string | null };

export class MunicipalityAttributesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async get(municipalityId: string): Promise<AttributeColumns | undefined> {
    return this.db.selectFrom('municipality as m').select(ATTRIBUTE_COLUMNS).where('m.id', '=', municipalityId).executeTakeFirst();
  }

  async update(municipalityId: string, attributes: MunicipalityAttributes, at: Date): Promise<AttributeColumns | undefined> {
    return this.db
      .updateTable('municipality as m')
      .set(columnsOf(attributes, at))
      .where('m.id', '=', municipalityId)
      .returning(ATTRIBUTE_COLUMNS)
      .executeTakeFirst();
  }

  /** Every municipality with its code, name and attributes: what an import is matched against. */
  async stored(): Promise<StoredMunicipality[]> {
    const rows = await this.db.selectFrom('municipality as m').select(['m.id', 'm.ssb_code', 'm.name', ...ATTRIBUTE_COLUMNS]).orderBy('m.ssb_code').execute();
    return rows.map((r) => ({ id: r.id, ssbCode: r.ssb_code, name: r.name, attributes: attributesOf(r) }));
  }

  async codeHistory(): Promise<CodeHistoryEntry[]> {
    const rows = await this.db.selectFrom('municipality_code_history').select(['municipality_id', 'ssb_code', 'valid_to']).execute();
    return rows.map((r) => ({ municipalityId: r.municipality_id, ssbCode: r.ssb_code, validTo: r.valid_to }));
  }

  /** Writes every change and the audit line together: all or nothing. */
  async applyImport(changes: readonly { municipalityId: string; after: MunicipalityAttributes }[], at: Date, audit: AuditEntry): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const c of changes) {
        const r = await trx.updateTable('municipality').set(columnsOf(c.after, at)).where('id', '=', c.municipalityId).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new Error(`municipality ${c.municipalityId} is gone`);
      }
      await new InfrastructureRepository(trx).audit(audit);
    });
  }

  /**
   * What breakdowns by size class, county, region and centrality need (domain breakdownGroupings()):
   * each municipality (all, or the ones named) with its attributes, its current network region, and the
   * county's and region's names.
   */
  async breakdownMunicipalities(ids?: readonly string[]): Promise<NamedBreakdownMunicipality[]> {
    if (ids && ids.length === 0) return [];
    let q = this.db
      .selectFrom('municipality as m')
      .leftJoin('region_membership as rm', (j) => j.onRef('rm.municipality_id', '=', 'm.id').on('rm.valid_to', 'is', null))
      .leftJoin('region as r', 'r.id', 'rm.region_id')
      .select(['m.id', 'm.population', 'm.county_code as countyCode', 'm.county_name as countyName', 'm.centrality', 'rm.region_id as regionId', 'r.name as regionName']);
    if (ids) q = q.where('m.id', 'in', [...ids]);
    return q.orderBy('m.id').execute();
  }
}
