/**
 * What an import reads (the wave, the project's municipalities with their units) and its one write:
 * every response of a file, with its scale scores and the audit line, in one transaction — all or
 * nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Language } from '../../contracts/instrument.js';
import { json, type DB } from '../db/schema.js';

export interface ImportWave {
  id: string;
  projectId: string;
  label: string;
  instrumentId: string;
  instrumentVersion: string;
  opensAt: Date;
  projectAnonymisedAt: Date | null;
}

export interface ImportRow {
  municipalityId: string;
  unitId: string | null;
  instrumentId: string;
  instrumentVersion: string;
  form: string;
  /** Already JSON. */
  answers: string;
  submittedOn: string;
  language: Language;
  activeMinutes: number | null;
  scoringVersion: number;
  scores: { scaleId: string; score: number }[];
}

/** Rows per INSERT statement: well within PostgreSQL's 65,535 parameters also for the scores. */
const CHUNK = 200;

export class ImportRepository {
  constructor(private readonly db: Kysely<DB>) {}

  wave(waveId: string): Promise<ImportWave | undefined> {
    return this.db
      .selectFrom('wave as w')
      .innerJoin('project as p', 'p.id', 'w.project_id')
      .select([
        'w.id',
        'w.project_id as projectId',
        'w.label',
        'w.instrument_id as instrumentId',
        'w.instrument_version as instrumentVersion',
        'w.opens_at as opensAt',
        'p.anonymised_at as projectAnonymisedAt',
      ])
      .where('w.id', '=', waveId)
      .executeTakeFirst();
  }

  waves(projectId: string): Promise<{ id: string; label: string; instrumentId: string; instrumentVersion: string }[]> {
    return this.db
      .selectFrom('wave')
      .select(['id', 'label', 'instrument_id as instrumentId', 'instrument_version as instrumentVersion'])
      .where('project_id', '=', projectId)
      .orderBy('opens_at')
      .orderBy('label')
      .execute();
  }

  /** The project's municipalities (current SSB code), each with its units by name. */
  async municipalities(projectId: string): Promise<{ id: string; ssbCode: string; name: string; defaultLanguage: Language; units: { id: string; name: string }[] }[]> {
    const municipalities = await this.db
      .selectFrom('municipality as m')
      .innerJoin('project_municipality as pm', 'pm.municipality_id', 'm.id')
      .select(['m.id', 'm.ssb_code as ssbCode', 'm.name', 'm.default_language as defaultLanguage'])
      .where('pm.project_id', '=', projectId)
      .orderBy('m.ssb_code')
      .execute();
    if (municipalities.length === 0) return [];
    const units = await this.db
      .selectFrom('unit')
      .select(['id', 'name', 'municipality_id as municipalityId'])
      .where(
        'municipality_id',
        'in',
        municipalities.map((m) => m.id),
      )
      .orderBy('name')
      .execute();
    return municipalities.map((m) => ({ ...m, units: units.filter((u) => u.municipalityId === m.id).map((u) => ({ id: u.id, name: u.name })) }));
  }

  /**
   * Stores every row as an imported response (random person_id, no receipt, no consent version), its
   * scores as web submits store them, and one audit line for the whole import, in one transaction.
   */
  async insertAll(waveId: string, rows: readonly ImportRow[], audit: { at: Date; accountId: string; role: string; projectId: string }): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      for (let at = 0; at < rows.length; at += CHUNK) {
        const chunk = rows.slice(at, at + CHUNK).map((r) => ({ id: randomUUID(), r }));
        await trx
          .insertInto('response')
          .values(
            chunk.map(({ id, r }) => ({
              id,
              wave_id: waveId,
              municipality_id: r.municipalityId,
              unit_id: r.unitId,
              instrument_id: r.instrumentId,
              instrument_version: r.instrumentVersion,
              form: r.form,
              answers: r.answers,
              submitted_on: r.submittedOn,
              source: 'import' as const,
              language: r.language,
              consent_version: null,
              receipt_hash: null,
              idempotency_hash: null,
              scoring_version: r.scoringVersion,
              active_minutes: r.activeMinutes,
            })),
          )
          .execute();
        const scores = chunk.flatMap(({ id, r }) =>
          r.scores.map((s) => ({ response_id: id, wave_id: waveId, municipality_id: r.municipalityId, unit_id: r.unitId, scale_id: s.scaleId, score: s.score })),
        );
        if (scores.length > 0) await trx.insertInto('response_score').values(scores).execute();
      }
      // Who imported how many responses into which wave; never their content.
      await trx
        .insertInto('audit_log')
        .values({
          at: audit.at,
          actor_account_id: audit.accountId,
          actor_role: audit.role,
          action: 'response.import',
          object_type: 'wave',
          object_id: waveId,
          municipality_id: null,
          details: json({ projectId: audit.projectId, rows: rows.length }),
        })
        .execute();
      return rows.length;
    });
  }
}
