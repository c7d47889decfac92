/**
 * TOTP two-factor login (adapters/totp.ts): enrolment (a new secret shown once as a QR code and as
 * text, confirmed with a first code), checking a code at login (each time step once only), and
 * one-time recovery codes for a lost phone (shown once, stored as keyed hashes). The secret is stored
 * sealed with a key derived from the server secret, so a database dump alone does not give codes.
 */
import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import type { TotpEnrolment } from '../../contracts/api.js';
import type { Clock } from '../adapters/clock.js';
import { seal, unseal, type Secrets } from '../adapters/secrets.js';
import { base32Decode, base32Encode, matchTotp, newTotpSecret, otpauthUri } from '../adapters/totp.js';
import { Conflict } from '../errors.js';
import type { AccountRecord, AccountRepository } from '../repositories/account.repository.js';

export const RECOVERY_CODE_COUNT = 8;
/** Crockford-like alphabet without look-alikes; 10 characters ≈ 50 bits per code. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A recovery code as typed: lower case, without spaces or dashes. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

export class TwoFactorService {
  private readonly key: Buffer;

  constructor(
    private readonly accounts: AccountRepository,
    private readonly secrets: Secrets,
    private readonly clock: Clock,
  ) {
    this.key = secrets.hmac('totp-secret-encryption', 'v1');
  }

  /** The secret as stored (seed and test helper: an account made with a known secret). */
  sealSecret(base32: string): string {
    return seal(this.key, base32Encode(base32Decode(base32)));
  }

  /** Starts (or restarts) enrolment for an account without a confirmed secret. */
  async startEnrolment(account: AccountRecord): Promise<TotpEnrolment> {
    if (account.totpEnabled) throw new Conflict('totp_already_enabled');
    const secret = newTotpSecret();
    const text = base32Encode(secret);
    if (!(await this.accounts.setPendingTotp(account.id, seal(this.key, text)))) throw new Conflict('totp_already_enabled');
    const uri = otpauthUri(secret, account.email);
    const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret: text.replace(/(.{4})/g, '$1 ').trim(), uri, qrSvg };
  }

  /** Confirms enrolment with a first code; returns the recovery codes (shown once), or null for a wrong code. */
  async confirmEnrolment(account: AccountRecord, code: string): Promise<string[] | null> {
    const state = await this.accounts.totpState(account.id);
    if (!state?.secret || state.enabled) return null;
    const step = matchTotp(base32Decode(unseal(this.key, state.secret)), code, this.clock.now(), state.lastStep);
    if (step === null) return null;
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    const ok = await this.accounts.useTotpStep(account.id, step, { at: this.clock.now(), recoveryCodeHashes: codes.map((c) => this.hashRecoveryCode(c)) });
    return ok ? codes : null;
  }

  /** Checks a TOTP code or a recovery code at login; each works once. */
  async verify(account: AccountRecord, code: string): Promise<'totp' | 'recovery' | null> {
    const state = await this.accounts.totpState(account.id);
    if (!state?.secret || !state.enabled) return null;
    const compact = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(compact)) {
      const step = matchTotp(base32Decode(unseal(this.key, state.secret)), compact, this.clock.now(), state.lastStep);
      return step !== null && (await this.accounts.useTotpStep(account.id, step)) ? 'totp' : null;
    }
    const used = await this.accounts.useRecoveryCode(account.id, this.hashRecoveryCode(normalizeRecoveryCode(code)), this.clock.now());
    return used ? 'recovery' : null;
  }

  private hashRecoveryCode(code: string): string {
    return this.secrets.hmacHex('recovery-code', normalizeRecoveryCode(code));
  }
}

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
