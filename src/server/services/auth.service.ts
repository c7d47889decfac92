/**
 * Logging in and out, and who a session cookie belongs to. Sessions live in the database (only the
 * SHA-256 of the cookie's id is stored) with an idle and an absolute expiry; each carries the CSRF
 * token that cookie-authenticated writes must echo in x-csrf-token.
 * Two steps for accounts with (or roles that require) two-factor login: the password gives a session in
 * stage 'second_factor', which can only read itself and do the TOTP steps; the code (or enrolment)
 * replaces it with a new, full session — a new id, so a cookie seen before the second step is worthless.
 */
import type { Clock } from '../adapters/clock.js';
import type { PasswordHasher } from '../adapters/passwords.js';
import { randomToken, sha256Hex } from '../adapters/secrets.js';
import { Conflict, Unauthorized } from '../errors.js';
import type { AccountRecord, AccountRepository, SessionStage } from '../repositories/account.repository.js';
import { TOTP_REQUIRED_ROLES, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';
import type { RateLimitService } from './rate-limit.service.js';
import type { TwoFactorService } from './two-factor.service.js';

export const SESSION_COOKIE = 'dk_session';
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Time to enter the code after the password. */
export const SECOND_FACTOR_MS = 10 * 60 * 1000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface Session {
  viewer: Viewer;
  account: AccountRecord;
  stage: SessionStage;
  csrfToken: string;
  idHash: string;
  expiresAt: Date;
}

export interface NewSession {
  session: Session;
  /** The cookie value: the only copy of the session id. */
  cookieValue: string;
}

/** Whether logging in to this account takes a second factor. */
export function needsSecondFactor(account: AccountRecord): boolean {
  return account.totpEnabled || TOTP_REQUIRED_ROLES.has(account.role);
}

export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly rateLimits: RateLimitService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly twoFactor: TwoFactorService,
  ) {}

  /** Checks e-mail and password; the session is full, or waits for the second factor. */
  async login(email: string, password: string, clientAddress: string): Promise<NewSession> {
    const normalized = email.trim().toLowerCase();
    await this.rateLimits.hit(['loginPerEmail', normalized], ['loginPerAddress', clientAddress]);
    const account = await this.accounts.findForLogin(normalized);
    // Verify against a dummy hash when there is no account, so timing does not tell which e-mails exist.
    this.dummyHash ??= this.passwords.hash('not-a-password-of-anyone');
    const ok = await this.passwords.verify(account?.passwordHash ?? (await this.dummyHash), password);
    if (!account || !ok) {
      await this.audit.record(null, 'session.login_failed', { type: 'account', id: account?.id ?? null, municipalityId: account?.municipalityId ?? null });
      throw new Unauthorized('login_failed');
    }
    return this.startSession(account, 'session.login');
  }

  /** A new session for an account that has just proven who it is (password, or a password set through a one-time link). */
  async startSession(account: AccountRecord, action: string): Promise<NewSession> {
    const stage: SessionStage = needsSecondFactor(account) ? 'second_factor' : 'full';
    const created = await this.createSession(account, stage);
    await this.audit.record(created.session.viewer, action, { type: 'account', id: account.id }, { stage });
    return created;
  }

  /** The second step: a TOTP code or a recovery code turns the session into a full one (with a new id). */
  async completeSecondFactor(session: Session, code: string): Promise<NewSession> {
    if (session.stage !== 'second_factor' || !session.account.totpEnabled) throw new Conflict('second_factor_not_due');
    await this.rateLimits.hit(['secondFactorPerAccount', session.account.id]);
    const how = await this.twoFactor.verify(session.account, code);
    if (!how) {
      await this.audit.record(session.viewer, 'session.second_factor_failed', { type: 'account', id: session.account.id });
      throw new Unauthorized('second_factor_failed');
    }
    return this.upgrade(session, how === 'recovery' ? 'session.recovery_code_used' : 'session.second_factor');
  }

  /** Enrolment, first half: a new secret for an account that has none confirmed yet. */
  startEnrolment(session: Session) {
    if (session.stage !== 'second_factor') throw new Conflict('second_factor_not_due');
    return this.twoFactor.startEnrolment(session.account);
  }

  /** Enrolment, second half: the first code confirms the secret; the session becomes full. */
  async confirmEnrolment(session: Session, code: string): Promise<NewSession & { recoveryCodes: string[] }> {
    if (session.stage !== 'second_factor' || session.account.totpEnabled) throw new Conflict('second_factor_not_due');
    await this.rateLimits.hit(['secondFactorPerAccount', session.account.id]);
    const recoveryCodes = await this.twoFactor.confirmEnrolment(session.account, code);
    if (!recoveryCodes) throw new Unauthorized('second_factor_failed');
    const account = (await this.accounts.get(session.account.id))!;
    await this.audit.record(session.viewer, 'account.totp_enabled', { type: 'account', id: account.id });
    return { ...(await this.upgrade({ ...session, account }, 'session.second_factor')), recoveryCodes };
  }

  /** The live session behind a cookie value, or null (unknown, expired or idle too long). */
  async sessionFromCookie(cookieValue: string | undefined): Promise<Session | null> {
    if (!cookieValue || cookieValue.length > 200) return null;
    const now = this.clock.now();
    const idHash = sha256Hex(cookieValue);
    const found = await this.accounts.findSession(idHash, now, new Date(now.getTime() - SESSION_IDLE_MS));
    if (!found) return null;
    if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.accounts.touchSession(idHash, now);
    return { viewer: await this.viewerFor(found.account), account: found.account, stage: found.stage, csrfToken: found.csrfToken, idHash, expiresAt: found.expiresAt };
  }

  async logout(session: Session): Promise<void> {
    await this.accounts.deleteSession(session.idHash);
    await this.audit.record(session.viewer, 'session.logout', { type: 'account', id: session.viewer.accountId });
  }

  async purgeExpired(): Promise<number> {
    const now = this.clock.now();
    await this.accounts.purgeTokens(now);
    return this.accounts.deleteExpiredSessions(now, new Date(now.getTime() - SESSION_IDLE_MS));
  }

  /** What the services see of an account: its role and bindings (a region coordinator's member municipalities as of now). */
  async viewerFor(account: AccountRecord): Promise<Viewer> {
    const viewer: Viewer = {
      accountId: account.id,
      email: account.email,
      displayName: account.displayName,
      role: account.role,
      municipalityId: account.municipalityId,
      unitId: account.unitId,
      regionId: account.regionId,
      projectIds: account.projectIds,
    };
    if (account.role === 'region_coordinator' && account.regionId) viewer.regionMunicipalityIds = await this.accounts.regionMunicipalityIds(account.regionId);
    return viewer;
  }

  private async upgrade(session: Session, action: string): Promise<NewSession> {
    await this.accounts.deleteSession(session.idHash);
    const created = await this.createSession(session.account, 'full');
    await this.audit.record(created.session.viewer, action, { type: 'account', id: session.account.id });
    return created;
  }

  private async createSession(account: AccountRecord, stage: SessionStage): Promise<NewSession> {
    const now = this.clock.now();
    const cookieValue = randomToken(32);
    const idHash = sha256Hex(cookieValue);
    const csrfToken = randomToken(24);
    const expiresAt = new Date(now.getTime() + (stage === 'full' ? SESSION_ABSOLUTE_MS : SECOND_FACTOR_MS));
    await this.accounts.createSession({ idHash, accountId: account.id, csrfToken, stage, now, expiresAt });
    const viewer = await this.viewerFor(account);
    return { session: { viewer, account, stage, csrfToken, idHash, expiresAt }, cookieValue };
  }
}
