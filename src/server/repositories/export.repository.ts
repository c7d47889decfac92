/**
 * What a research export reads: the project's waves, the questionnaire versions and local items in
 * them, municipality and unit names, and the responses themselves in pages (keyset on the primary key,
 * so memory stays flat however many there are; the same on PGlite and PostgreSQL).
 */
import { sql, type Kysely } from 'kysely';
import type { Answers, Language, LocalizedText } from '../../contracts/instrument.js';
import type { DB } from '../db/schema.js';

export interface ExportWave {
  id: string;
  label: string;
  instrumentId: string;
  instrumentVersion: string;
  opensAt: Date;
}

export interface ExportRow {
  id: string;
  waveId: string;
  municipalityId: string;
  unitName: string | null;
  instrumentId: string;
  instrumentVersion: string;
  form: string;
  answers: Answers;
  submittedOn: string;
  source: 'web' | 'import';
  language: Language;
  consentVersion: number | null;
  scoringVersion: number;
  activeMinutes: number | null;
  personId: string;
  linkMethod: 'receipt' | 'device' | 'code' | null;
  codeDuplicate: boolean;
  /** Scale id → score (scales without a score are absent). */
  scores: Record<string, number>;
}

export class ExportRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** A project's waves in opening order. */
  waves(projectId: string): Promise<ExportWave[]> {
    return this.db
      .selectFrom('wave')
      .select(['id', 'label', 'instrument_id as instrumentId', 'instrument_version as instrumentVersion', 'opens_at as opensAt'])
      .where('project_id', '=', projectId)
      .orderBy('opens_at')
      .orderBy('label')
      .execute();
  }

  /** Every questionnaire version the waves use: the wave's own, those of its links and those answered. */
  async instrumentsIn(waveIds: readonly string[]): Promise<{ waveId: string; id: string; version: string }[]> {
    if (waveIds.length === 0) return [];
    const rows = await sql<{ waveId: string; id: string; version: string }>`
      SELECT id AS "waveId", instrument_id AS id, instrument_version AS version FROM wave WHERE id IN (${sql.join(waveIds)})
      UNION
      SELECT wave_id, instrument_id, instrument_version FROM survey_link WHERE wave_id IN (${sql.join(waveIds)}) AND instrument_id IS NOT NULL
      UNION
      SELECT DISTINCT wave_id, instrument_id, instrument_version FROM response WHERE wave_id IN (${sql.join(waveIds)})`.execute(this.db);
    return rows.rows;
  }

  /** Local items of the waves, per wave and municipality, in the order they were added. */
  localItems(waveIds: readonly string[]): Promise<{ waveId: string; municipalityId: string; key: string; name: LocalizedText }[]> {
    if (waveIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('local_item')
      .select(['wave_id as waveId', 'municipality_id as municipalityId', 'key', 'name'])
      .where('wave_id', 'in', waveIds)
      .orderBy('wave_id')
      .orderBy('municipality_id')
      .orderBy('created_at')
      .orderBy('key')
      .execute();
  }

  /** The project's municipalities (current SSB code and name) and the widest municipality and unit names, in bytes. */
  async municipalities(projectId: string): Promise<{ list: { id: string; ssbCode: string; name: string }[]; nameBytes: { municipality: number; unit: number } }> {
    const list = await this.db
      .selectFrom('municipality as m')
      .innerJoin('project_municipality as pm', 'pm.municipality_id', 'm.id')
      .select(['m.id', 'm.ssb_code as ssbCode', 'm.name'])
      .where('pm.project_id', '=', projectId)
      .orderBy('m.ssb_code')
      .execute();
    const widths = await sql<{ municipality: number; unit: number }>`
      SELECT coalesce(max(octet_length(m.name)), 1)::int AS municipality,
        coalesce((SELECT max(octet_length(u.name)) FROM unit u JOIN project_municipality p2 ON p2.municipality_id = u.municipality_id WHERE p2.project_id = ${projectId}), 1)::int AS unit
      FROM municipality m JOIN project_municipality pm ON pm.municipality_id = m.id WHERE pm.project_id = ${projectId}`.execute(this.db);
    return { list, nameBytes: widths.rows[0] ?? { municipality: 1, unit: 1 } };
  }

  async count(waveIds: readonly string[]): Promise<number> {
    if (waveIds.length === 0) return 0;
    const row = await this.db.selectFrom('response').select(sql<number>`count(*)::int`.as('n')).where('wave_id', 'in', waveIds).executeTakeFirstOrThrow();
    return row.n;
  }

  /** The next page of responses after `afterId` (primary-key order), with their units and scores. */
  page(waveIds: readonly string[], afterId: string | null, limit: number): Promise<ExportRow[]> {
    let q = this.rows().where('r.wave_id', 'in', waveIds);
    if (afterId !== null) q = q.where('r.id', '>', afterId);
    return this.finish(q.orderBy('r.id').limit(limit).execute());
  }

  /** Responses `offset` … `offset + limit − 1` in primary-key order (the microdata preview's pages). */
  pageAt(waveIds: readonly string[], offset: number, limit: number): Promise<ExportRow[]> {
    if (waveIds.length === 0) return Promise.resolve([]);
    return this.finish(this.rows().where('r.wave_id', 'in', waveIds).orderBy('r.id').offset(offset).limit(limit).execute());
  }

  /** These responses (those still there), in primary-key order. */
  byIds(ids: readonly string[]): Promise<ExportRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.finish(this.rows().where('r.id', 'in', ids).orderBy('r.id').execute());
  }

  private rows() {
    return this.db
      .selectFrom('response as r')
      .leftJoin('unit as u', 'u.id', 'r.unit_id')
      .select([
        'r.id',
        'r.wave_id as waveId',
        'r.municipality_id as municipalityId',
        'u.name as unitName',
        'r.instrument_id as instrumentId',
        'r.instrument_version as instrumentVersion',
        'r.form',
        'r.answers',
        'r.submitted_on as submittedOn',
        'r.source',
        'r.language',
        'r.consent_version as consentVersion',
        'r.scoring_version as scoringVersion',
        'r.active_minutes as activeMinutes',
        'r.person_id as personId',
        'r.link_method as linkMethod',
        'r.code_duplicate as codeDuplicate',
        // float8: the score as a JS number (numeric would read as a string).
        sql<Record<string, number> | null>`(SELECT jsonb_object_agg(s.scale_id, s.score::float8) FROM response_score s WHERE s.response_id = r.id)`.as('scores'),
      ]);
  }

  private async finish(rows: Promise<(Omit<ExportRow, 'scores'> & { scores: Record<string, number> | null })[]>): Promise<ExportRow[]> {
    return (await rows).map((r) => ({ ...r, scores: r.scores ?? {} }));
  }
}
