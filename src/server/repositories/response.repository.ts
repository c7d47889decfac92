/**
 * What respondents leave behind: drafts (apart from responses, purged when the wave closes),
 * responses with their scale scores, and the anonymous decline counter.
 */
import { sql, type Kysely } from 'kysely';
import type { Answers, Language } from '../../contracts/instrument.js';
import { json, type DB, type NewResponse } from '../db/schema.js';

export interface DraftRecord {
  id: string;
  linkId: string;
  tokenHash: string;
  answers: Answers;
  language: Language;
  unitId: string | null;
  sectionIndex: number;
  consentVersion: number;
}

export interface SubmittedResponse {
  id: string;
  waveId: string;
  submittedOn: string;
}

export class ResponseRepository {
  constructor(private readonly db: Kysely<DB>) {}

  // ---- drafts

  async createDraft(input: {
    linkId: string;
    waveId: string;
    municipalityId: string;
    unitId: string | null;
    tokenHash: string;
    resumeCodeHash: string | null;
    language: Language;
    consentVersion: number;
    now: Date;
  }): Promise<string> {
    const row = await this.db
      .insertInto('draft')
      .values({
        link_id: input.linkId,
        wave_id: input.waveId,
        municipality_id: input.municipalityId,
        unit_id: input.unitId,
        token_hash: input.tokenHash,
        resume_code_hash: input.resumeCodeHash,
        answers: json({}),
        language: input.language,
        section_index: 0,
        consent_version: input.consentVersion,
        created_at: input.now,
        updated_at: input.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  private drafts() {
    return this.db
      .selectFrom('draft')
      .select([
        'id',
        'link_id as linkId',
        'token_hash as tokenHash',
        'answers',
        'language',
        'unit_id as unitId',
        'section_index as sectionIndex',
        'consent_version as consentVersion',
      ]);
  }

  getDraft(linkId: string, draftId: string): Promise<DraftRecord | undefined> {
    return this.drafts().where('link_id', '=', linkId).where('id', '=', draftId).executeTakeFirst();
  }

  findDraftByResumeCode(linkId: string, resumeCodeHash: string): Promise<DraftRecord | undefined> {
    return this.drafts().where('link_id', '=', linkId).where('resume_code_hash', '=', resumeCodeHash).executeTakeFirst();
  }

  async saveDraft(draftId: string, input: { answers: Answers; language: Language; unitId: string | null; sectionIndex: number; now: Date }): Promise<void> {
    await this.db
      .updateTable('draft')
      .set({
        answers: json(input.answers),
        language: input.language,
        unit_id: input.unitId,
        section_index: input.sectionIndex,
        updated_at: input.now,
      })
      .where('id', '=', draftId)
      .execute();
  }

  async replaceDraftToken(draftId: string, tokenHash: string): Promise<void> {
    await this.db.updateTable('draft').set({ token_hash: tokenHash }).where('id', '=', draftId).execute();
  }

  /** Drafts of waves (or municipalities) that have closed: nothing more can be submitted from them. */
  async purgeClosedDrafts(now: Date): Promise<number> {
    const r = await sql`
      DELETE FROM draft d
      USING wave w
      WHERE w.id = d.wave_id
        AND coalesce((SELECT wm.closes_at FROM wave_municipality wm WHERE wm.wave_id = d.wave_id AND wm.municipality_id = d.municipality_id), w.closes_at) <= ${now}`.execute(
      this.db,
    );
    return Number(r.numAffectedRows ?? 0);
  }

  // ---- responses

  /**
   * Stores a response with its scores, drops the draft it came from and writes the audit line — in one
   * statement (data-modifying CTEs), so it is atomic without a transaction and costs one round trip.
   * Returns null when a response with the same idempotency key (or receipt) is already stored: a replay.
   */
  async insertSubmitted(input: {
    response: NewResponse;
    scores: { scaleId: string; score: number }[];
    draft: { id: string; tokenHash: string } | null;
    audit: { at: Date; waveId: string; municipalityId: string };
  }): Promise<SubmittedResponse | null> {
    const r = input.response;
    const scores = json(Object.fromEntries(input.scores.map((x) => [x.scaleId, x.score])));
    const result = await sql<SubmittedResponse>`
      WITH inserted AS (
        INSERT INTO response (wave_id, municipality_id, unit_id, instrument_id, instrument_version, form, answers, submitted_on,
                              source, language, consent_version, receipt_hash, idempotency_hash, scoring_version)
        VALUES (${r.wave_id}, ${r.municipality_id}, ${r.unit_id ?? null}, ${r.instrument_id}, ${r.instrument_version}, ${r.form},
                ${r.answers}::jsonb, ${r.submitted_on}::date, ${r.source}, ${r.language}, ${r.consent_version ?? null},
                ${r.receipt_hash ?? null}, ${r.idempotency_hash ?? null}, ${r.scoring_version})
        ON CONFLICT DO NOTHING
        RETURNING id, wave_id, municipality_id, unit_id, submitted_on
      ),
      scores AS (
        INSERT INTO response_score (response_id, wave_id, municipality_id, unit_id, scale_id, score)
        SELECT i.id, i.wave_id, i.municipality_id, i.unit_id, s.key, s.value::numeric
        FROM inserted i CROSS JOIN jsonb_each_text(${scores}::jsonb) AS s
      ),
      dropped_draft AS (
        DELETE FROM draft
        WHERE id = ${input.draft?.id ?? null}::uuid AND token_hash = ${input.draft?.tokenHash ?? null}
          AND EXISTS (SELECT 1 FROM inserted)
      ),
      audited AS (
        -- That a response came in for the wave; never which, nor what it says.
        INSERT INTO audit_log (at, actor_account_id, actor_role, action, object_type, object_id, municipality_id, details)
        SELECT ${input.audit.at}::timestamptz, NULL, 'respondent', 'response.submit', 'wave', ${input.audit.waveId}, ${input.audit.municipalityId}::uuid, NULL
        FROM inserted
      )
      SELECT id, wave_id AS "waveId", submitted_on AS "submittedOn" FROM inserted`.execute(this.db);
    return result.rows[0] ?? null;
  }

  findByIdempotencyHash(hash: string): Promise<SubmittedResponse | undefined> {
    return this.db
      .selectFrom('response')
      .select(['id', 'wave_id as waveId', 'submitted_on as submittedOn'])
      .where('idempotency_hash', '=', hash)
      .executeTakeFirst();
  }

  async countDecline(waveId: string, municipalityId: string): Promise<void> {
    await this.db
      .insertInto('decline_count')
      .values({ wave_id: waveId, municipality_id: municipalityId, count: 1 })
      .onConflict((oc) => oc.columns(['wave_id', 'municipality_id']).doUpdateSet({ count: sql`decline_count.count + 1` }))
      .execute();
  }
}
