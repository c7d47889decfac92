/**
 * Accounts (local login) with their bindings, one-time invite and reset tokens, TOTP state, recovery
 * codes and sessions. Only hashes of session ids, tokens and recovery codes are ever stored, and the
 * TOTP secret only sealed.
 */
import { sql, type Kysely } from 'kysely';
import type { Role } from '../../contracts/api.js';
import type { Language } from '../../contracts/instrument.js';
import type { DB } from '../db/schema.js';

export interface AccountRecord {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  municipalityId: string | null;
  unitId: string | null;
  regionId: string | null;
  projectIds: string[];
  language: Language;
  hasPassword: boolean;
  disabledAt: Date | null;
  totpEnabled: boolean;
}

export interface NewAccount {
  email: string;
  displayName: string;
  role: Role;
  municipalityId: string | null;
  unitId: string | null;
  regionId: string | null;
  projectIds: string[];
  language: Language;
  /** null: invited, sets their own password. */
  passwordHash: string | null;
  /** Seed and tests: a confirmed TOTP secret, sealed. */
  totpSecret?: string | null;
}

export type SessionStage = 'second_factor' | 'full';

export interface SessionRecord {
  account: AccountRecord;
  csrfToken: string;
  stage: SessionStage;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
}

export interface TokenRecord {
  accountId: string;
  purpose: 'invite' | 'reset';
  email: string;
  displayName: string;
  language: Language;
}

export class AccountRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private accounts() {
    return this.db
      .selectFrom('account as a')
      .select([
        'a.id',
        'a.email',
        'a.display_name as displayName',
        'a.role',
        'a.municipality_id as municipalityId',
        'a.unit_id as unitId',
        'a.region_id as regionId',
        'a.language',
        'a.disabled_at as disabledAt',
        sql<boolean>`a.password_hash is not null`.as('hasPassword'),
        sql<boolean>`a.totp_enabled_at is not null`.as('totpEnabled'),
        sql<string[]>`coalesce((select array_agg(ap.project_id::text order by ap.project_id) from account_project ap where ap.account_id = a.id), '{}')`.as(
          'projectIds',
        ),
      ]);
  }

  /** Every account (null), or those bound to one of the municipalities. */
  list(municipalityIds: string[] | null): Promise<AccountRecord[]> {
    let q = this.accounts();
    if (municipalityIds) q = q.where('a.municipality_id', 'in', municipalityIds);
    return q.orderBy('a.email').execute();
  }

  get(id: string): Promise<AccountRecord | undefined> {
    return this.accounts().where('a.id', '=', id).executeTakeFirst();
  }

  /** Any account with this (lower-cased) e-mail, also disabled and invited ones. */
  findByEmail(email: string): Promise<AccountRecord | undefined> {
    return this.accounts().where('a.email', '=', email.toLowerCase()).executeTakeFirst();
  }

  /** An active account with a password, and its hash, by e-mail. */
  async findForLogin(email: string): Promise<(AccountRecord & { passwordHash: string }) | undefined> {
    const row = await this.accounts()
      .select('a.password_hash as passwordHash')
      .where('a.email', '=', email.toLowerCase())
      .where('a.disabled_at', 'is', null)
      .where('a.password_hash', 'is not', null)
      .executeTakeFirst();
    return row && row.passwordHash !== null ? { ...row, passwordHash: row.passwordHash } : undefined;
  }

  async create(input: NewAccount): Promise<AccountRecord> {
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('account')
        .values({
          email: input.email.toLowerCase(),
          display_name: input.displayName,
          role: input.role,
          municipality_id: input.municipalityId,
          unit_id: input.unitId,
          region_id: input.regionId,
          language: input.language,
          password_hash: input.passwordHash,
          totp_secret: input.totpSecret ?? null,
          totp_enabled_at: input.totpSecret ? new Date() : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.projectIds.length > 0) {
        await trx
          .insertInto('account_project')
          .values(input.projectIds.map((projectId) => ({ account_id: row.id, project_id: projectId })))
          .execute();
      }
      return row.id;
    });
    return (await this.get(id))!;
  }

  /** Disables (and ends every session) or enables an account. */
  async setDisabled(id: string, at: Date | null): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('account').set({ disabled_at: at }).where('id', '=', id).execute();
      if (at) await trx.deleteFrom('session').where('account_id', '=', id).execute();
    });
  }

  /** A new password ends every other session of the account. */
  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('account').set({ password_hash: passwordHash }).where('id', '=', id).execute();
      await trx.deleteFrom('session').where('account_id', '=', id).execute();
    });
  }

  /** The current member municipalities of a region. */
  async regionMunicipalityIds(regionId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('region_membership')
      .select('municipality_id')
      .where('region_id', '=', regionId)
      .where('valid_to', 'is', null)
      .execute();
    return rows.map((r) => r.municipality_id);
  }

  // ---- one-time tokens

  /** A new token of a purpose; earlier unused ones of the same purpose stop working. */
  async createToken(input: { tokenHash: string; accountId: string; purpose: 'invite' | 'reset'; now: Date; expiresAt: Date }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('account_token')
        .where('account_id', '=', input.accountId)
        .where('purpose', '=', input.purpose)
        .where('used_at', 'is', null)
        .execute();
      await trx
        .insertInto('account_token')
        .values({ token_hash: input.tokenHash, account_id: input.accountId, purpose: input.purpose, created_at: input.now, expires_at: input.expiresAt })
        .execute();
    });
  }

  /** A token that is unused, unexpired and belongs to an enabled account. */
  findToken(tokenHash: string, now: Date): Promise<TokenRecord | undefined> {
    return this.db
      .selectFrom('account_token as t')
      .innerJoin('account as a', 'a.id', 't.account_id')
      .select(['t.account_id as accountId', 't.purpose', 'a.email', 'a.display_name as displayName', 'a.language'])
      .where('t.token_hash', '=', tokenHash)
      .where('t.used_at', 'is', null)
      .where('t.expires_at', '>', now)
      .where('a.disabled_at', 'is', null)
      .executeTakeFirst();
  }

  /** Uses a token once (a second use, even at the same moment, gets undefined) and sets the password with it. */
  async useToken(tokenHash: string, now: Date, passwordHash: string): Promise<TokenRecord | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('account_token as t')
        .set({ used_at: now })
        .from('account as a')
        .whereRef('a.id', '=', 't.account_id')
        .where('t.token_hash', '=', tokenHash)
        .where('t.used_at', 'is', null)
        .where('t.expires_at', '>', now)
        .where('a.disabled_at', 'is', null)
        .returning(['t.account_id as accountId', 't.purpose', 'a.email', 'a.display_name as displayName', 'a.language'])
        .executeTakeFirst();
      if (!used) return undefined;
      await trx.updateTable('account').set({ password_hash: passwordHash }).where('id', '=', used.accountId).execute();
      // Whatever else was waiting for this account (another reset link) is void once a password is set.
      await trx.deleteFrom('account_token').where('account_id', '=', used.accountId).where('used_at', 'is', null).execute();
      await trx.deleteFrom('session').where('account_id', '=', used.accountId).execute();
      return used;
    });
  }

  async purgeTokens(before: Date): Promise<void> {
    await this.db.deleteFrom('account_token').where('expires_at', '<', before).execute();
  }

  // ---- TOTP and recovery codes

  async totpState(accountId: string): Promise<{ secret: string | null; enabled: boolean; lastStep: number | null } | undefined> {
    const row = await this.db
      .selectFrom('account')
      .select(['totp_secret', 'totp_enabled_at', 'totp_last_step'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!row) return undefined;
    return { secret: row.totp_secret, enabled: row.totp_enabled_at !== null, lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step) };
  }

  /** Keeps a new, not yet confirmed secret; never replaces a confirmed one. */
  async setPendingTotp(accountId: string, sealedSecret: string): Promise<boolean> {
    const r = await this.db
      .updateTable('account')
      .set({ totp_secret: sealedSecret, totp_last_step: null })
      .where('id', '=', accountId)
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Records `step` as used, only if it is later than the last used one: two requests with the same
   * code cannot both get through. Confirms a pending secret when `enableAt` is given, and then stores
   * the recovery codes' hashes in the same transaction.
   */
  async useTotpStep(accountId: string, step: number, enable?: { at: Date; recoveryCodeHashes: string[] }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      let q = trx
        .updateTable('account')
        .set(enable ? { totp_last_step: step, totp_enabled_at: enable.at } : { totp_last_step: step })
        .where('id', '=', accountId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]));
      q = enable ? q.where('totp_enabled_at', 'is', null) : q.where('totp_enabled_at', 'is not', null);
      const r = await q.executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      if (enable) {
        await trx.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
        await trx
          .insertInto('recovery_code')
          .values(enable.recoveryCodeHashes.map((code_hash) => ({ account_id: accountId, code_hash })))
          .execute();
      }
      return true;
    });
  }

  /**
   * Resets a lost second factor: the secret (confirmed or pending), its last step and the recovery codes
   * go, and so does every session of the account, in one transaction. Returns whether the account exists.
   */
  async resetTwoFactor(accountId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('account')
        .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
        .where('id', '=', accountId)
        .executeTakeFirst();
      await trx.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
      await trx.deleteFrom('session').where('account_id', '=', accountId).execute();
      return Number(r.numUpdatedRows) === 1;
    });
  }

  /** Uses a recovery code once. */
  async useRecoveryCode(accountId: string, codeHash: string, at: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('recovery_code')
      .set({ used_at: at })
      .where('account_id', '=', accountId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async unusedRecoveryCodes(accountId: string): Promise<number> {
    const r = await this.db
      .selectFrom('recovery_code')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // ---- sessions

  async createSession(input: { idHash: string; accountId: string; csrfToken: string; stage: SessionStage; now: Date; expiresAt: Date }): Promise<void> {
    await this.db
      .insertInto('session')
      .values({
        id_hash: input.idHash,
        account_id: input.accountId,
        csrf_token: input.csrfToken,
        stage: input.stage,
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
      .select(['s.account_id', 's.csrf_token', 's.stage', 's.created_at', 's.expires_at', 's.last_seen_at'])
      .where('s.id_hash', '=', idHash)
      .where('s.expires_at', '>', now)
      .where('s.last_seen_at', '>', idleSince)
      .executeTakeFirst();
    if (!row) return undefined;
    const account = await this.get(row.account_id);
    if (!account || account.disabledAt !== null) return undefined;
    return { account, csrfToken: row.csrf_token, stage: row.stage, createdAt: row.created_at, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at };
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
