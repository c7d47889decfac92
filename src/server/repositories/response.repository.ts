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
   * Stores a response with its scores and drops the draft it came from, in one transaction. Returns
   * null when a response with the same idempotency key (or receipt) is already stored: a replay.
   */
  async insertSubmitted(input: {
    response: NewResponse;
    scores: { scaleId: string; score: number }[];
    draft: { id: string; tokenHash: string } | null;
    audit: { at: Date; waveId: string; municipalityId: string };
  }): Promise<SubmittedResponse | null> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('response')
        .values(input.response)
        .onConflict((oc) => oc.doNothing())
        .returning(['id', 'wave_id as waveId', 'submitted_on as submittedOn'])
        .executeTakeFirst();
      if (!inserted) return null;
      const r = input.response;
      if (input.scores.length > 0) {
        await trx
          .insertInto('response_score')
          .values(
            input.scores.map((s) => ({
              response_id: inserted.id,
              wave_id: r.wave_id,
              municipality_id: r.municipality_id,
              unit_id: r.unit_id ?? null,
              scale_id: s.scaleId,
              score: s.score,
            })),
          )
          .execute();
      }
      if (input.draft) {
        await trx.deleteFrom('draft').where('id', '=', input.draft.id).where('token_hash', '=', input.draft.tokenHash).execute();
      }
      // Audit: that a response came in for the wave; never which, nor what it says.
      await trx
        .insertInto('audit_log')
        .values({
          at: input.audit.at,
          actor_account_id: null,
          actor_role: 'respondent',
          action: 'response.submit',
          object_type: 'wave',
          object_id: input.audit.waveId,
          municipality_id: input.audit.municipalityId,
          details: null,
        })
        .execute();
      return inserted;
    });
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
