/** Read-only API tokens for research tools (table research_token, migration 008): only hashes are stored. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface ResearchTokenRecord {
  id: string;
  projectId: string;
  accountId: string;
  ownerName: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export class ResearchTokenRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private tokens() {
    return this.db
      .selectFrom('research_token as t')
      .innerJoin('account as a', 'a.id', 't.account_id')
      .select([
        't.id',
        't.project_id as projectId',
        't.account_id as accountId',
        'a.display_name as ownerName',
        't.name',
        't.created_at as createdAt',
        't.last_used_at as lastUsedAt',
        't.revoked_at as revokedAt',
      ]);
  }

  /** A project's tokens (of one owner, or all with null), newest first. */
  list(projectId: string, accountId: string | null): Promise<ResearchTokenRecord[]> {
    let q = this.tokens().where('t.project_id', '=', projectId);
    if (accountId !== null) q = q.where('t.account_id', '=', accountId);
    return q.orderBy('t.created_at', 'desc').orderBy('t.id').execute();
  }

  get(id: string): Promise<ResearchTokenRecord | undefined> {
    return this.tokens().where('t.id', '=', id).executeTakeFirst();
  }

  async create(input: { projectId: string; accountId: string; name: string; tokenHash: string; now: Date }): Promise<ResearchTokenRecord> {
    const row = await this.db
      .insertInto('research_token')
      .values({ project_id: input.projectId, account_id: input.accountId, name: input.name, token_hash: input.tokenHash, created_at: input.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.get(row.id))!;
  }

  /** Revokes a token once; a second revoke keeps the first time. */
  async revoke(id: string, now: Date): Promise<void> {
    await this.db.updateTable('research_token').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  /** A live (not revoked) token by the hash of its value. */
  findLive(tokenHash: string): Promise<ResearchTokenRecord | undefined> {
    return this.tokens().where('t.token_hash', '=', tokenHash).where('t.revoked_at', 'is', null).executeTakeFirst();
  }

  /** Records a use, unless one was recorded since `notSince` (so at most one write a minute per token). */
  async touch(id: string, now: Date, notSince: Date): Promise<void> {
    await this.db
      .updateTable('research_token')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .where(sql<boolean>`last_used_at IS NULL OR last_used_at <= ${notSince}`)
      .execute();
  }
}
