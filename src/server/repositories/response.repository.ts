/**
 * What respondents leave behind: drafts (apart from responses, purged when the wave closes),
 * responses with their scale scores, and the anonymous decline counter.
 */
import { sql, type Kysely } from 'kysely';
import type { LinkMethod } from '../../contracts/api.js';
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
  activeSeconds: number;
}

export interface SubmittedResponse {
  id: string;
  waveId: string;
  submittedOn: string;
}

export interface SubmitInsert {
  /** Web submits always carry an idempotency hash: it is how a caller finds its row in a batch. */
  response: NewResponse & { idempotency_hash: string };
  scores: { scaleId: string; score: number }[];
  /** Linking material as keyed hashes (see ParticipationService), stored with the response. */
  linkKeys: { kind: 'device' | 'code'; part: number; hash: string }[];
  draft: { id: string; tokenHash: string } | null;
  audit: { at: Date };
}

interface PendingSubmit {
  input: SubmitInsert;
  resolve: (stored: SubmittedResponse | null) => void;
  reject: (error: unknown) => void;
}

/** Responses per statement, and statements at once (the pool keeps connections for other work). */
const MAX_BATCH = 50;
const MAX_BATCHES_IN_FLIGHT = 4;

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
        'active_seconds as activeSeconds',
      ]);
  }

  getDraft(linkId: string, draftId: string): Promise<DraftRecord | undefined> {
    return this.drafts().where('link_id', '=', linkId).where('id', '=', draftId).executeTakeFirst();
  }

  findDraftByResumeCode(linkId: string, resumeCodeHash: string): Promise<DraftRecord | undefined> {
    return this.drafts().where('link_id', '=', linkId).where('resume_code_hash', '=', resumeCodeHash).executeTakeFirst();
  }

  async saveDraft(
    draftId: string,
    input: { answers: Answers; language: Language; unitId: string | null; sectionIndex: number; activeSeconds?: number; now: Date },
  ): Promise<void> {
    await this.db
      .updateTable('draft')
      .set({
        answers: json(input.answers),
        language: input.language,
        unit_id: input.unitId,
        section_index: input.sectionIndex,
        // A save without the measure keeps the sum so far.
        ...(input.activeSeconds !== undefined ? { active_seconds: input.activeSeconds } : {}),
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
   * Stores a response with its scores, drops the draft it came from and writes the audit line.
   * Returns null when a response with the same idempotency key is already stored: a replay.
   *
   * Group commit: submits that arrive while earlier ones are being written wait and then go
   * together in one statement (data-modifying CTEs: atomic without a transaction, one round trip
   * for many responses). Every caller still gets its answer only after its row is committed. If a
   * batch fails (e.g. one row breaks a foreign key), each of its rows is retried alone, so one bad
   * submit never fails the others.
   */
  insertSubmitted(input: SubmitInsert): Promise<SubmittedResponse | null> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.inFlight < MAX_BATCHES_IN_FLIGHT) void this.flush();
    });
  }

  private readonly pending: PendingSubmit[] = [];
  private inFlight = 0;

  private async flush(): Promise<void> {
    this.inFlight++;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          await this.settle(batch);
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else for (const one of batch) await this.settle([one]).catch(one.reject);
        }
      }
    } finally {
      this.inFlight--;
    }
  }

  private async settle(batch: PendingSubmit[]): Promise<void> {
    const stored = await this.insertBatch(batch.map((b) => b.input));
    for (const b of batch) {
      const hash = b.input.response.idempotency_hash;
      // A double click that landed in one batch: the first caller created the row, the rest replay it.
      b.resolve(stored.get(hash) ?? null);
      stored.delete(hash);
    }
  }

  private async insertBatch(inputs: SubmitInsert[]): Promise<Map<string, SubmittedResponse>> {
    // The answers are already JSON text: spliced in as is rather than parsed and written again.
    const rows = inputs.map((input) => {
      const r = input.response;
      const { answers, ...rest } = {
        ...r,
        unit_id: r.unit_id ?? null,
        consent_version: r.consent_version ?? null,
        receipt_hash: r.receipt_hash ?? null,
        person_id: r.person_id ?? null,
        link_method: r.link_method ?? null,
        active_minutes: r.active_minutes ?? null,
        link_keys: input.linkKeys,
        scores: Object.fromEntries(input.scores.map((x) => [x.scaleId, x.score])),
        draft_id: input.draft?.id ?? null,
        draft_token_hash: input.draft?.tokenHash ?? null,
        audit_at: input.audit.at,
      };
      return `${JSON.stringify(rest).slice(0, -1)},"answers":${answers}}`;
    });
    const result = await sql<SubmittedResponse & { idempotencyHash: string }>`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${`[${rows.join(',')}]`}::jsonb) AS x(
          wave_id uuid, municipality_id uuid, unit_id uuid, instrument_id text, instrument_version text, form text,
          answers jsonb, submitted_on date, source text, language text, consent_version integer, receipt_hash text,
          idempotency_hash text, scoring_version integer, person_id uuid, link_method text, active_minutes integer, link_keys jsonb,
          scores jsonb, draft_id uuid, draft_token_hash text, audit_at timestamptz)
      ),
      inserted AS (
        INSERT INTO response (wave_id, municipality_id, unit_id, instrument_id, instrument_version, form, answers, submitted_on,
                              source, language, consent_version, receipt_hash, idempotency_hash, scoring_version, person_id, link_method,
                              active_minutes)
        SELECT wave_id, municipality_id, unit_id, instrument_id, instrument_version, form, answers, submitted_on,
               source, language, consent_version, receipt_hash, idempotency_hash, scoring_version,
               coalesce(person_id, gen_random_uuid()), link_method, active_minutes
        FROM input
        -- Only a replay is quietly skipped; any other conflict (one person twice in a wave) is an error.
        ON CONFLICT (idempotency_hash) DO NOTHING
        RETURNING id, wave_id, municipality_id, unit_id, submitted_on, idempotency_hash
      ),
      keys AS (
        INSERT INTO link_key (response_id, project_id, wave_id, municipality_id, kind, part, hash)
        SELECT i.id, w.project_id, i.wave_id, i.municipality_id, k.kind, k.part, k.hash
        FROM inserted i JOIN input x USING (idempotency_hash) JOIN wave w ON w.id = i.wave_id
        CROSS JOIN jsonb_to_recordset(x.link_keys) AS k(kind text, part smallint, hash text)
      ),
      scores AS (
        INSERT INTO response_score (response_id, wave_id, municipality_id, unit_id, scale_id, score)
        SELECT i.id, i.wave_id, i.municipality_id, i.unit_id, s.key, s.value::numeric
        FROM inserted i JOIN input x USING (idempotency_hash) CROSS JOIN jsonb_each_text(x.scores) AS s
      ),
      dropped_draft AS (
        DELETE FROM draft d USING input x JOIN inserted i USING (idempotency_hash)
        WHERE d.id = x.draft_id AND d.token_hash = x.draft_token_hash
      ),
      audited AS (
        -- That a response came in for the wave; never which, nor what it says.
        INSERT INTO audit_log (at, actor_account_id, actor_role, action, object_type, object_id, municipality_id, details)
        SELECT x.audit_at, NULL, 'respondent', 'response.submit', 'wave', i.wave_id::text, i.municipality_id, NULL
        FROM inserted i JOIN input x USING (idempotency_hash)
      )
      SELECT id, wave_id AS "waveId", submitted_on AS "submittedOn", idempotency_hash AS "idempotencyHash" FROM inserted`.execute(this.db);
    return new Map(result.rows.map(({ idempotencyHash, ...row }) => [idempotencyHash, row]));
  }

  findByIdempotencyHash(hash: string): Promise<(SubmittedResponse & { linkMethod: LinkMethod | null }) | undefined> {
    return this.db
      .selectFrom('response')
      .select(['id', 'wave_id as waveId', 'submitted_on as submittedOn', 'link_method as linkMethod'])
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
