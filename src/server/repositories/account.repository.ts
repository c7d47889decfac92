/** Accounts (local login) and their sessions. Only a hash of a session id is ever stored. */
import type { Kysely } from 'kysely';
import type { Role } from '../../contracts/api.js';
import type { DB } from '../db/schema.js';

export interface AccountRecord {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  municipalityId: string | null;
}

export interface SessionRecord {
  account: AccountRecord;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
}

const accountColumns = ['a.id', 'a.email', 'a.display_name as displayName', 'a.role', 'a.municipality_id as municipalityId'] as const;

export class AccountRepository {
  constructor(private readonly db: Kysely<DB>) {}

  list(): Promise<AccountRecord[]> {
    return this.db.selectFrom('account as a').select(accountColumns).orderBy('a.email').execute();
  }

  /** An active account and its password hash, by lower-cased e-mail. */
  findForLogin(email: string): Promise<(AccountRecord & { passwordHash: string }) | undefined> {
    return this.db
      .selectFrom('account as a')
      .select([...accountColumns, 'a.password_hash as passwordHash'])
      .where('a.email', '=', email.toLowerCase())
      .where('a.disabled_at', 'is', null)
      .executeTakeFirst();
  }

  create(input: { email: string; displayName: string; role: Role; municipalityId: string | null; passwordHash: string }): Promise<AccountRecord> {
    return this.db
      .insertInto('account')
      .values({
        email: input.email.toLowerCase(),
        display_name: input.displayName,
        role: input.role,
        municipality_id: input.municipalityId,
        password_hash: input.passwordHash,
      })
      .returning(['id', 'email', 'display_name as displayName', 'role', 'municipality_id as municipalityId'])
      .executeTakeFirstOrThrow();
  }

  async createSession(input: { idHash: string; accountId: string; csrfToken: string; now: Date; expiresAt: Date }): Promise<void> {
    await this.db
      .insertInto('session')
      .values({
        id_hash: input.idHash,
        account_id: input.accountId,
        csrf_token: input.csrfToken,
        created_at: input.now,
        expires_at: input.expiresAt,
        last_seen_at: input.now,
      })
      .execute();
  }

  /** A session that has neither passed its absolute expiry nor been idle since `idleSince`. */
  async findSession(idHash: string, now: Date, idleSince: Date): Promise<SessionRecord | undefined> {
    const row = await this.db
      .selectFrom('session as s')
      .innerJoin('account as a', 'a.id', 's.account_id')
      .select([...accountColumns, 's.csrf_token', 's.created_at', 's.expires_at', 's.last_seen_at'])
      .where('s.id_hash', '=', idHash)
      .where('s.expires_at', '>', now)
      .where('s.last_seen_at', '>', idleSince)
      .where('a.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      account: { id: row.id, email: row.email, displayName: row.displayName, role: row.role, municipalityId: row.municipalityId },
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at,
    };
  }

  async touchSession(idHash: string, now: Date): Promise<void> {
    await this.db.updateTable('session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('session').where('id_hash', '=', idHash).execute();
  }

  async deleteExpiredSessions(now: Date, idleSince: Date): Promise<number> {
    const r = await this.db
      .deleteFrom('session')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
