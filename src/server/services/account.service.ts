/**
 * Accounts: invitations by e-mail (a platform admin invites anyone; a municipality leader invites unit
 * leaders of their own municipality), setting one's own password through a one-time link (invite or
 * reset), password reset that never tells whether an address has an account, and turning accounts off.
 * Links carry a random token; only its SHA-256 is stored. Mails go through the jobs table (MailService).
 */
import type { Account, AccountStatus, PasswordTokenInfo, Role } from '../../contracts/api.js';
import type { Language } from '../../contracts/instrument.js';
import { checkPassword } from '../../domain/password-policy.js';
import type { Clock } from '../adapters/clock.js';
import type { PasswordHasher } from '../adapters/passwords.js';
import { randomToken, sha256Hex } from '../adapters/secrets.js';
import { Conflict, Forbidden, Gone, isUniqueViolation, NotFound, ValidationFailed } from '../errors.js';
import type { AccountRecord, AccountRepository } from '../repositories/account.repository.js';
import type { OrganisationRepository } from '../repositories/organisation.repository.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import { municipalityFilter, scopeIncludes, scopeOf, TOTP_REQUIRED_ROLES, type Viewer } from './access.js';
import { inviteMail, resetMail, twoFactorResetMail } from './account-mail.js';
import type { AuditService } from './audit.service.js';
import type { AuthService, NewSession } from './auth.service.js';
import type { MailService } from './mail.service.js';
import type { RateLimitService } from './rate-limit.service.js';
import type { TwoFactorService } from './two-factor.service.js';

export const INVITE_DAYS = 7;
export const RESET_MINUTES = 60;
const DAY = 24 * 60 * 60 * 1000;

export interface InviteInput {
  email: string;
  displayName: string;
  role: Role;
  municipalityId: string | null;
  unitId: string | null;
  regionId: string | null;
  projectIds: string[];
  language: Language;
}

/** What the roles a viewer may invite: a platform admin any, a municipality leader unit leaders. */
function mayInvite(viewer: Viewer, role: Role): boolean {
  return viewer.role === 'platform_admin' || (viewer.role === 'municipality_leader' && role === 'unit_leader');
}

export function statusOf(a: AccountRecord): AccountStatus {
  return a.disabledAt ? 'disabled' : a.hasPassword ? 'active' : 'invited';
}

export function presentAccount(a: AccountRecord): Account {
  return {
    id: a.id,
    email: a.email,
    displayName: a.displayName,
    role: a.role,
    municipalityId: a.municipalityId,
    unitId: a.unitId,
    regionId: a.regionId,
    projectIds: a.projectIds,
    language: a.language,
    status: statusOf(a),
    twoFactor: a.totpEnabled,
  };
}

export class AccountService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly organisation: OrganisationRepository,
    private readonly projects: ProjectRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly auth: AuthService,
    private readonly twoFactor: TwoFactorService,
    private readonly rateLimits: RateLimitService,
    private readonly clock: Clock,
    private readonly publicUrl: () => string,
  ) {}

  /** A platform admin sees every account; a municipality leader those bound to their municipality. */
  async list(viewer: Viewer): Promise<Account[]> {
    return (await this.accounts.list(municipalityFilter(scopeOf(viewer)))).map(presentAccount);
  }

  async invite(viewer: Viewer, input: InviteInput): Promise<Account> {
    if (!mayInvite(viewer, input.role)) throw new Forbidden('role_not_allowed');
    const binding = await this.checkBinding(viewer, input);
    let account: AccountRecord;
    try {
      account = await this.accounts.create({ ...input, ...binding, email: input.email.trim(), displayName: input.displayName.trim(), passwordHash: null });
    } catch (error) {
      if (isUniqueViolation(error)) throw new Conflict('already_exists', {}, [{ path: 'email', code: 'email_taken' }]);
      throw error;
    }
    await this.sendInvite(viewer, account);
    await this.audit.record(viewer, 'account.invite', { type: 'account', id: account.id, municipalityId: account.municipalityId }, { role: account.role, language: account.language });
    return presentAccount(account);
  }

  /** A new invite link (the old one stops working), for an account that has not set a password yet. */
  async resendInvite(viewer: Viewer, accountId: string): Promise<Account> {
    const account = await this.manageable(viewer, accountId);
    if (statusOf(account) !== 'invited') throw new Conflict('already_active');
    await this.sendInvite(viewer, account);
    await this.audit.record(viewer, 'account.invite_resent', { type: 'account', id: account.id, municipalityId: account.municipalityId });
    return presentAccount(account);
  }

  async setDisabled(viewer: Viewer, accountId: string, disabled: boolean): Promise<Account> {
    const account = await this.manageable(viewer, accountId);
    if (account.id === viewer.accountId) throw new Conflict('cannot_disable_self');
    await this.accounts.setDisabled(account.id, disabled ? this.clock.now() : null);
    await this.audit.record(viewer, disabled ? 'account.disable' : 'account.enable', { type: 'account', id: account.id, municipalityId: account.municipalityId });
    return presentAccount((await this.accounts.get(account.id))!);
  }

  /**
   * Resets a lost second factor (issue 6): secret and recovery codes cleared, every session ended, an
   * audit line, and a mail telling the person what happens at their next login. A platform admin may
   * reset anyone else's; a municipality leader only a unit leader's of their own municipality (anyone
   * else is a 404, as if not there).
   */
  async resetTwoFactor(viewer: Viewer, accountId: string): Promise<Account> {
    const account = await this.accounts.get(accountId);
    const scope = scopeOf(viewer);
    if (!account) throw new NotFound();
    if (scope.kind !== 'platform' && (account.role !== 'unit_leader' || account.municipalityId === null || !scopeIncludes(scope, account.municipalityId))) {
      throw new NotFound();
    }
    if (account.id === viewer.accountId) throw new Conflict('cannot_reset_self');
    if (!account.totpEnabled) throw new Conflict('two_factor_not_enabled');
    if (!(await this.accounts.resetTwoFactor(account.id))) throw new NotFound();
    await this.audit.record(viewer, 'account.totp_reset', { type: 'account', id: account.id, municipalityId: account.municipalityId });
    await this.mail.queue(
      twoFactorResetMail({
        to: account.email,
        language: account.language,
        name: account.displayName,
        admin: viewer.displayName,
        required: TOTP_REQUIRED_ROLES.has(account.role),
        link: `${this.publicUrl()}/login`,
      }),
    );
    return presentAccount((await this.accounts.get(account.id))!);
  }

  /**
   * Asks for a reset link. The answer is the same for an unknown, a disabled and a real address; the
   * mail goes out only for an account that can log in with a password set by the link.
   */
  async requestPasswordReset(email: string, clientAddress: string): Promise<void> {
    const normalized = email.trim().toLowerCase();
    await this.rateLimits.hit(['resetPerEmail', normalized], ['resetPerAddress', clientAddress]);
    const account = await this.accounts.findByEmail(normalized);
    if (!account || account.disabledAt) return;
    const token = await this.newToken(account.id, 'reset', RESET_MINUTES * 60 * 1000);
    await this.mail.queue(resetMail({ to: account.email, language: account.language, name: account.displayName, link: this.linkFor(token), minutes: RESET_MINUTES }));
    await this.audit.record(null, 'account.reset_requested', { type: 'account', id: account.id, municipalityId: account.municipalityId });
  }

  /** Whom a link is for, so the page can say so; a used, expired or unknown link is 410. */
  async inspectToken(token: string): Promise<PasswordTokenInfo> {
    const found = await this.accounts.findToken(sha256Hex(token), this.clock.now());
    if (!found) throw new Gone('token_invalid');
    return { purpose: found.purpose, email: found.email, displayName: found.displayName, language: found.language };
  }

  /** Sets the password chosen through an invite or reset link (once) and logs the person in. */
  async setPasswordWithToken(token: string, password: string): Promise<NewSession> {
    const tokenHash = sha256Hex(token);
    const found = await this.accounts.findToken(tokenHash, this.clock.now());
    if (!found) throw new Gone('token_invalid');
    const problem = checkPassword(password, { email: found.email });
    if (problem) throw new ValidationFailed([{ path: 'password', code: `password_${problem}` }]);
    const used = await this.accounts.useToken(tokenHash, this.clock.now(), await this.passwords.hash(password));
    if (!used) throw new Gone('token_invalid');
    const account = (await this.accounts.get(used.accountId))!;
    await this.audit.record(null, used.purpose === 'invite' ? 'account.invite_accepted' : 'account.password_reset', {
      type: 'account',
      id: account.id,
      municipalityId: account.municipalityId,
    });
    return this.auth.startSession(account, 'session.login');
  }

  /**
   * Seed and test helper: an account with a password (and, optionally, a confirmed TOTP secret in base32),
   * made directly. The web and the API only invite.
   */
  async createWithPassword(input: InviteInput & { password: string; totpSecret?: string | undefined }): Promise<Account> {
    const { password, totpSecret, ...rest } = input;
    const sealed = totpSecret ? this.twoFactor.sealSecret(totpSecret) : null;
    const account = await this.accounts.create({ ...rest, passwordHash: await this.passwords.hash(password), totpSecret: sealed });
    await this.audit.record(null, 'account.create', { type: 'account', id: account.id, municipalityId: account.municipalityId }, { role: account.role });
    return presentAccount(account);
  }

  // ----

  /** An account the viewer may act on: in their scope (else 404), and for a municipality leader a unit leader (else 403). */
  private async manageable(viewer: Viewer, accountId: string): Promise<AccountRecord> {
    const account = await this.accounts.get(accountId);
    const scope = scopeOf(viewer);
    if (!account) throw new NotFound();
    if (scope.kind !== 'platform' && (account.municipalityId === null || !scopeIncludes(scope, account.municipalityId))) throw new NotFound();
    if (!mayInvite(viewer, account.role)) throw new Forbidden('role_not_allowed');
    return account;
  }

  /** The binding the role needs, checked against what exists and what the viewer may reach; other fields cleared. */
  private async checkBinding(viewer: Viewer, input: InviteInput): Promise<Pick<InviteInput, 'municipalityId' | 'unitId' | 'regionId' | 'projectIds'>> {
    const none = { municipalityId: null, unitId: null, regionId: null, projectIds: [] };
    const scope = scopeOf(viewer);
    switch (input.role) {
      case 'platform_admin':
        return none;
      case 'region_coordinator': {
        if (!input.regionId) throw new ValidationFailed([{ path: 'regionId', code: 'region_required' }]);
        if (!(await this.organisation.regionExists(input.regionId))) throw new ValidationFailed([{ path: 'regionId', code: 'unknown_reference' }]);
        return { ...none, regionId: input.regionId };
      }
      case 'municipality_leader': {
        if (!input.municipalityId) throw new ValidationFailed([{ path: 'municipalityId', code: 'municipality_required' }]);
        if (!(await this.organisation.getMunicipality(scope, input.municipalityId))) throw new ValidationFailed([{ path: 'municipalityId', code: 'unknown_reference' }]);
        return { ...none, municipalityId: input.municipalityId };
      }
      case 'unit_leader': {
        if (!input.unitId) throw new ValidationFailed([{ path: 'unitId', code: 'unit_required' }]);
        const unit = await this.organisation.getUnit({ kind: 'platform' }, input.unitId);
        if (!unit || (input.municipalityId !== null && input.municipalityId !== unit.municipalityId)) {
          throw new ValidationFailed([{ path: 'unitId', code: 'unknown_reference' }]);
        }
        // Another municipality's unit is, for a municipality leader, not there at all.
        if (!scopeIncludes(scope, unit.municipalityId)) throw new NotFound();
        return { ...none, municipalityId: unit.municipalityId, unitId: unit.id };
      }
      case 'researcher': {
        const ids = [...new Set(input.projectIds)];
        if (ids.length === 0) throw new ValidationFailed([{ path: 'projectIds', code: 'project_required' }]);
        for (const id of ids) if (!(await this.projects.get(id))) throw new ValidationFailed([{ path: 'projectIds', code: 'unknown_reference' }]);
        return { ...none, projectIds: ids };
      }
    }
  }

  private async sendInvite(viewer: Viewer, account: AccountRecord): Promise<void> {
    const token = await this.newToken(account.id, 'invite', INVITE_DAYS * DAY);
    await this.mail.queue(
      inviteMail({ to: account.email, language: account.language, name: account.displayName, inviter: viewer.displayName, role: account.role, link: this.linkFor(token), days: INVITE_DAYS }),
    );
  }

  private async newToken(accountId: string, purpose: 'invite' | 'reset', validMs: number): Promise<string> {
    const token = randomToken(32);
    const now = this.clock.now();
    await this.accounts.createToken({ tokenHash: sha256Hex(token), accountId, purpose, now, expiresAt: new Date(now.getTime() + validMs) });
    return token;
  }

  /** The page behind the link reads the token from the fragment, which browsers never send to a server or a log. */
  private linkFor(token: string): string {
    return `${this.publicUrl()}/set-password#${token}`;
  }
}
