/**
 * Rate limits in fixed windows, counted in the database so several app instances agree. Limits are
 * per account, link, idempotency key or resume code — not only per address, so one nursing home
 * behind one address is never blocked as a whole. Keys are stored as keyed hashes (no e-mail or IP
 * address in the table).
 */
import type { Secrets } from '../adapters/secrets.js';
import type { Clock } from '../adapters/clock.js';
import { TooManyRequests } from '../errors.js';
import type { InfrastructureRepository } from '../repositories/infrastructure.repository.js';

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export const defaultRateLimits = {
  /** Login attempts per e-mail address. */
  loginPerEmail: { limit: 10, windowSeconds: 15 * 60 },
  /** Login attempts per client address: generous, a whole municipality may share one. */
  loginPerAddress: { limit: 300, windowSeconds: 15 * 60 },
  /** TOTP or recovery codes per account: 10 tries at 3 valid codes in a million each leave an attacker nothing. */
  secondFactorPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  /** Password-reset mails per address asked for, and requests per client address. */
  resetPerEmail: { limit: 3, windowSeconds: 60 * 60 },
  resetPerAddress: { limit: 30, windowSeconds: 60 * 60 },
  /** Submits per survey link. */
  submitPerLink: { limit: 300, windowSeconds: 60 },
  /** Submits per idempotency key (retries of one form). */
  submitPerKey: { limit: 20, windowSeconds: 60 },
  /** New drafts and declines per survey link. */
  startPerLink: { limit: 300, windowSeconds: 60 },
  /** Saves per draft (autosave). */
  savePerDraft: { limit: 120, windowSeconds: 60 },
  /** Resume attempts per link, and per link and code. */
  resumePerLink: { limit: 100, windowSeconds: 15 * 60 },
  resumePerCode: { limit: 10, windowSeconds: 15 * 60 },
  /** Receipt look-ups and withdrawals per client address, per receipt code, and earlier-receipt checks per link. */
  receiptPerAddress: { limit: 60, windowSeconds: 15 * 60 },
  receiptPerCode: { limit: 10, windowSeconds: 15 * 60 },
  receiptPerLink: { limit: 300, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof defaultRateLimits;
export type RateLimits = Record<RateLimitName, RateLimitRule>;

export class RateLimitService {
  constructor(
    private readonly repo: InfrastructureRepository,
    private readonly clock: Clock,
    private readonly secrets: Secrets,
    /** null: no limits (benchmarks only). */
    private readonly rules: RateLimits | null,
  ) {}

  /** Counts a hit on every (rule, value); throws TooManyRequests when any is over its limit. */
  async hit(...hits: [RateLimitName, string][]): Promise<void> {
    if (this.rules === null) return;
    const rules = this.rules;
    const now = this.clock.now().getTime();
    const planned = hits.map(([name, value]) => {
      const rule = rules[name];
      const windowMs = rule.windowSeconds * 1000;
      const windowStart = Math.floor(now / windowMs) * windowMs;
      return {
        key: `${name}:${this.secrets.hmacHex('rate-limit', `${name}:${value}`).slice(0, 32)}`,
        windowStart: new Date(windowStart),
        limit: rule.limit,
        retryAfter: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)),
      };
    });
    const counts = await this.repo.hitRateLimits(planned.map((p) => ({ key: p.key, windowStart: p.windowStart })));
    const over = planned.filter((p) => (counts.get(p.key) ?? 0) > p.limit);
    if (over.length > 0) throw new TooManyRequests(Math.max(...over.map((p) => p.retryAfter)));
  }
}
