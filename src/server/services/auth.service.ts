/**
 * Logging in and out, and who a session cookie belongs to. Sessions live in the database (only the
 * SHA-256 of the cookie's id is stored) with an idle and an absolute expiry; each carries the CSRF
 * token that cookie-authenticated writes must echo in x-csrf-token.
 */
import type { Clock } from '../adapters/clock.js';
import type { PasswordHasher } from '../adapters/passwords.js';
import { randomToken, sha256Hex } from '../adapters/secrets.js';
import { Unauthorized } from '../errors.js';
import type { AccountRepository } from '../repositories/account.repository.js';
import type { Viewer } from './access.js';
import type { AuditService } from './audit.service.js';
import type { RateLimitService } from './rate-limit.service.js';

export const SESSION_COOKIE = 'dk_session';
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface Session {
  viewer: Viewer;
  csrfToken: string;
  idHash: string;
  expiresAt: Date;
}

export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly rateLimits: RateLimitService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Checks e-mail and password; returns the new session and the cookie value (the only copy of its id). */
  async login(email: string, password: string, clientAddress: string): Promise<{ session: Session; cookieValue: string }> {
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
    const now = this.clock.now();
    const cookieValue = randomToken(32);
    const idHash = sha256Hex(cookieValue);
    const csrfToken = randomToken(24);
    const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
    await this.accounts.createSession({ idHash, accountId: account.id, csrfToken, now, expiresAt });
    const viewer: Viewer = {
      accountId: account.id,
      email: account.email,
      displayName: account.displayName,
      role: account.role,
      municipalityId: account.municipalityId,
    };
    await this.audit.record(viewer, 'session.login', { type: 'account', id: account.id });
    return { session: { viewer, csrfToken, idHash, expiresAt }, cookieValue };
  }

  /** The live session behind a cookie value, or null (unknown, expired or idle too long). */
  async sessionFromCookie(cookieValue: string | undefined): Promise<Session | null> {
    if (!cookieValue || cookieValue.length > 200) return null;
    const now = this.clock.now();
    const idHash = sha256Hex(cookieValue);
    const found = await this.accounts.findSession(idHash, now, new Date(now.getTime() - SESSION_IDLE_MS));
    if (!found) return null;
    if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.accounts.touchSession(idHash, now);
    return {
      viewer: {
        accountId: found.account.id,
        email: found.account.email,
        displayName: found.account.displayName,
        role: found.account.role,
        municipalityId: found.account.municipalityId,
      },
      csrfToken: found.csrfToken,
      idHash,
      expiresAt: found.expiresAt,
    };
  }

  async logout(session: Session): Promise<void> {
    await this.accounts.deleteSession(session.idHash);
    await this.audit.record(session.viewer, 'session.logout', { type: 'account', id: session.viewer.accountId });
  }

  async purgeExpired(): Promise<number> {
    const now = this.clock.now();
    return this.accounts.deleteExpiredSessions(now, new Date(now.getTime() - SESSION_IDLE_MS));
  }
}
