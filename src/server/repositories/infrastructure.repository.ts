/**
 * Tables that keep the app stateless: rate-limit counters, the audit log and the job queue. All of it
 * plain SQL that runs alike on PGlite and PostgreSQL (upserts, FOR UPDATE SKIP LOCKED).
 */
import { sql, type Kysely } from 'kysely';
import { json, type DB } from '../db/schema.js';

export interface AuditEntry {
  at: Date;
  actorAccountId: string | null;
  actorRole: string;
  action: string;
  objectType: string;
  objectId: string | null;
  municipalityId: string | null;
  /** Small facts about the change (names, codes) — never answers, receipt codes or addresses. */
  details?: Record<string, unknown>;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
}

export class InfrastructureRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Counts one hit on each key in its fixed window and returns the counts, in one statement. Counters
   * are not worth a disk flush: this statement's commit does not wait for it (synchronous_commit off,
   * set locally to its own implicit transaction).
   */
  async hitRateLimits(hits: { key: string; windowStart: Date }[]): Promise<Map<string, number>> {
    if (hits.length === 0) return new Map();
    const rows = await sql<{ key: string; count: number }>`
      INSERT INTO rate_limit (key, window_start, count)
      SELECT h.key, h.window_start, 1
      FROM jsonb_to_recordset(${json(hits.map((h) => ({ key: h.key, window_start: h.windowStart.toISOString() })))}::jsonb)
             AS h(key text, window_start timestamptz)
      CROSS JOIN (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit.count + 1
      RETURNING key, count`.execute(this.db);
    return new Map(rows.rows.map((r) => [r.key, r.count]));
  }

  async purgeRateLimits(before: Date): Promise<number> {
    const r = await this.db.deleteFrom('rate_limit').where('window_start', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: entry.at,
        actor_account_id: entry.actorAccountId,
        actor_role: entry.actorRole,
        action: entry.action,
        object_type: entry.objectType,
        object_id: entry.objectId,
        municipality_id: entry.municipalityId,
        details: entry.details ? json(entry.details) : null,
      })
      .execute();
  }

  // ---- jobs

  /** Enqueues a job; with a dedupe key, at most one pending job per key (a second enqueue is a no-op). */
  async enqueueJob(input: { kind: string; payload?: unknown; runAt: Date; dedupeKey?: string }): Promise<void> {
    await sql`
      INSERT INTO job (kind, payload, dedupe_key, run_at)
      VALUES (${input.kind}, ${json(input.payload ?? {})}::jsonb, ${input.dedupeKey ?? null}, ${input.runAt})
      ON CONFLICT (dedupe_key) WHERE done_at IS NULL DO NOTHING`.execute(this.db);
  }

  /** Claims the next due job for `lockMs`: another worker skips it (SKIP LOCKED) and will not re-claim it until then. */
  async claimJob(now: Date, lockMs: number): Promise<ClaimedJob | undefined> {
    const r = await sql<ClaimedJob>`
      UPDATE job SET locked_until = ${new Date(now.getTime() + lockMs)}, attempts = attempts + 1
      WHERE id = (
        SELECT id FROM job
        WHERE done_at IS NULL AND run_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})
        ORDER BY run_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id::text AS id, kind, payload, attempts`.execute(this.db);
    return r.rows[0];
  }

  async completeJob(id: string, now: Date): Promise<void> {
    await this.db.updateTable('job').set({ done_at: now, locked_until: null, last_error: null }).where('id', '=', id).execute();
  }

  /** A failed job is retried after `retryAt`; after too many attempts it is closed with its error. */
  async failJob(id: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
    await this.db
      .updateTable('job')
      .set(retryAt ? { run_at: retryAt, locked_until: null, last_error: error } : { done_at: now, locked_until: null, last_error: error })
      .where('id', '=', id)
      .execute();
  }

  async purgeDoneJobs(before: Date): Promise<number> {
    const r = await this.db.deleteFrom('job').where('done_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
