/** Projects (the unit of a study), their member municipalities and versioned consent texts. */
import { sql, type Kysely } from 'kysely';
import type { LocalizedText } from '../../contracts/instrument.js';
import { json, type DB } from '../db/schema.js';

export interface ProjectRecord {
  id: string;
  name: string;
  kMin: number;
  endDate: string;
}

export interface ConsentRecord {
  version: number;
  information: LocalizedText;
  consent: LocalizedText;
}

export class ProjectRepository {
  constructor(private readonly db: Kysely<DB>) {}

  list(): Promise<ProjectRecord[]> {
    return this.db.selectFrom('project').select(['id', 'name', 'k_min as kMin', 'end_date as endDate']).orderBy('created_at').execute();
  }

  get(id: string): Promise<ProjectRecord | undefined> {
    return this.db.selectFrom('project').select(['id', 'name', 'k_min as kMin', 'end_date as endDate']).where('id', '=', id).executeTakeFirst();
  }

  /** Projects a municipality takes part in. */
  /** Projects that any of the municipalities takes part in. */
  listForMunicipalities(municipalityIds: string[]): Promise<ProjectRecord[]> {
    return this.db
      .selectFrom('project as p')
      .select(['p.id', 'p.name', 'p.k_min as kMin', 'p.end_date as endDate'])
      .where((eb) =>
        eb.exists(eb.selectFrom('project_municipality as pm').select('pm.project_id').whereRef('pm.project_id', '=', 'p.id').where('pm.municipality_id', 'in', municipalityIds)),
      )
      .orderBy('p.created_at')
      .execute();
  }

  async create(input: { name: string; kMin: number; endDate: string; consent: Omit<ConsentRecord, 'version'> }): Promise<ProjectRecord> {
    return this.db.transaction().execute(async (trx) => {
      const p = await trx
        .insertInto('project')
        .values({ name: input.name, k_min: input.kMin, end_date: input.endDate })
        .returning(['id', 'name', 'k_min as kMin', 'end_date as endDate'])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('consent_text')
        .values({ project_id: p.id, version: 1, information: json(input.consent.information), consent: json(input.consent.consent) })
        .execute();
      return p;
    });
  }

  /** The newest consent text of a project. */
  currentConsent(projectId: string): Promise<ConsentRecord | undefined> {
    return this.db
      .selectFrom('consent_text')
      .select(['version', 'information', 'consent'])
      .where('project_id', '=', projectId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async listConsent(projectId: string): Promise<(ConsentRecord & { createdAt: Date })[]> {
    return this.db
      .selectFrom('consent_text')
      .select(['version', 'information', 'consent', 'created_at as createdAt'])
      .where('project_id', '=', projectId)
      .orderBy('version')
      .execute();
  }

  async addConsentVersion(projectId: string, text: Omit<ConsentRecord, 'version'>): Promise<number> {
    const row = await this.db
      .insertInto('consent_text')
      .values((eb) => ({
        project_id: projectId,
        version: eb
          .selectFrom('consent_text')
          .select(sql<number>`coalesce(max(version), 0) + 1`.as('v'))
          .where('project_id', '=', projectId),
        information: json(text.information),
        consent: json(text.consent),
      }))
      .returning('version')
      .executeTakeFirstOrThrow();
    return row.version;
  }
}
