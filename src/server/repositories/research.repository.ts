/**
 * What the researcher's statistics views read: projects and their waves, the responses of a wave with
 * their stored scale scores, the scores of two waves with the person behind each response, and the
 * names of municipalities and units. Project access is decided by the service (assertProjectAccess).
 */
import { sql, type Kysely } from 'kysely';
import type { Answers } from '../../contracts/instrument.js';
import type { DB } from '../db/schema.js';
import type { ProjectRecord } from './project.repository.js';

export interface ResearchWave {
  id: string;
  projectId: string;
  label: string;
  instrumentId: string;
  instrumentVersion: string;
  opensAt: Date;
  closesAt: Date;
}

export interface ResearchResponse {
  id: string;
  municipalityId: string;
  unitId: string | null;
  instrumentId: string;
  instrumentVersion: string;
  form: string;
  answers: Answers;
  /** Scale id → stored score (scales without a score are absent). */
  scores: Record<string, number>;
}

export interface ScoreRow {
  waveId: string;
  personId: string;
  municipalityId: string;
  unitId: string | null;
  /** The answer to the profession item, when asked for. */
  profession: string | null;
  scores: Record<string, number>;
}

export class ResearchRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** These projects (null: every project), oldest first. */
  projects(ids: readonly string[] | null): Promise<ProjectRecord[]> {
    let q = this.db.selectFrom('project').select(['id', 'name', 'k_min as kMin', 'end_date as endDate']);
    if (ids !== null) {
      if (ids.length === 0) return Promise.resolve([]);
      q = q.where('id', 'in', ids);
    }
    return q.orderBy('created_at').execute();
  }

  /** The waves of these projects, in opening order. */
  waves(projectIds: readonly string[]): Promise<ResearchWave[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('wave')
      .select(['id', 'project_id as projectId', 'label', 'instrument_id as instrumentId', 'instrument_version as instrumentVersion', 'opens_at as opensAt', 'closes_at as closesAt'])
      .where('project_id', 'in', projectIds)
      .orderBy('opens_at')
      .orderBy('label')
      .execute();
  }

  /** Every response of a wave with its answers and stored scores. */
  async responses(waveId: string): Promise<ResearchResponse[]> {
    const rows = await this.db
      .selectFrom('response as r')
      .select([
        'r.id',
        'r.municipality_id as municipalityId',
        'r.unit_id as unitId',
        'r.instrument_id as instrumentId',
        'r.instrument_version as instrumentVersion',
        'r.form',
        'r.answers',
        // float8: the score as a JS number (numeric would read as a string).
        sql<Record<string, number> | null>`(SELECT jsonb_object_agg(s.scale_id, s.score::float8) FROM response_score s WHERE s.response_id = r.id)`.as('scores'),
      ])
      .where('r.wave_id', '=', waveId)
      .orderBy('r.id')
      .execute();
    return rows.map((r) => ({ ...r, scores: r.scores ?? {} }));
  }

  /** The scores of the responses of these waves, each with its person, municipality, unit and (optionally) profession answer. */
  async scores(waveIds: readonly string[], professionItem: string | null): Promise<ScoreRow[]> {
    if (waveIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('response as r')
      .select([
        'r.wave_id as waveId',
        'r.person_id as personId',
        'r.municipality_id as municipalityId',
        'r.unit_id as unitId',
        (professionItem === null ? sql<string | null>`NULL::text` : sql<string | null>`r.answers ->> ${professionItem}`).as('profession'),
        sql<Record<string, number> | null>`(SELECT jsonb_object_agg(s.scale_id, s.score::float8) FROM response_score s WHERE s.response_id = r.id)`.as('scores'),
      ])
      .where('r.wave_id', 'in', waveIds)
      .orderBy('r.id')
      .execute();
    return rows.map((r) => ({ ...r, scores: r.scores ?? {} }));
  }

  /** The questionnaire versions answered in a wave, besides the wave's own. */
  async instrumentsAnswered(waveIds: readonly string[]): Promise<{ id: string; version: string }[]> {
    if (waveIds.length === 0) return [];
    return this.db
      .selectFrom('response')
      .select(['instrument_id as id', 'instrument_version as version'])
      .where('wave_id', 'in', waveIds)
      .groupBy(['instrument_id', 'instrument_version'])
      .orderBy('instrument_id')
      .orderBy('instrument_version')
      .execute();
  }

  municipalities(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('municipality').select(['id', 'name']).where('id', 'in', ids).orderBy('name').orderBy('id').execute();
  }

  units(ids: readonly string[]): Promise<{ id: string; name: string; municipalityId: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('unit').select(['id', 'name', 'municipality_id as municipalityId']).where('id', 'in', ids).orderBy('name').orderBy('id').execute();
  }
}
