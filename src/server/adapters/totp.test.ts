// TOTP against the published test vectors (RFC 4226 appendix D, RFC 6238 appendix B, SHA-1), base32 as
// authenticator apps read it, the ±1 step window and the once-only rule; and sealing of stored secrets.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from './secrets.js';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totp, totpStep } from './totp.js';

const rfcSecret = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP (RFC 4226)', () => {
  it('gives the appendix D values for counters 0–9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(rfcSecret, counter))).toEqual(expected);
  });
});

describe('TOTP (RFC 6238, SHA-1)', () => {
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  it.each(vectors)('at %i seconds is %s (8 digits), and its last 6 digits with 6', (seconds, code) => {
    const at = new Date(seconds * 1000);
    expect(totp(rfcSecret, at, 8)).toBe(code);
    expect(totp(rfcSecret, at)).toBe(code.slice(2));
  });

  it('accepts the step before and after now, not two away, and never a step at or before the last used', () => {
    const now = new Date('2026-03-16T10:00:10Z');
    const step = totpStep(now);
    expect(matchTotp(rfcSecret, totp(rfcSecret, step), now, null)).toBe(step);
    expect(matchTotp(rfcSecret, totp(rfcSecret, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(rfcSecret, totp(rfcSecret, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(rfcSecret, totp(rfcSecret, step - 2), now, null)).toBeNull();
    expect(matchTotp(rfcSecret, totp(rfcSecret, step + 2), now, null)).toBeNull();
    // Once used, a code (and any earlier one) is refused.
    expect(matchTotp(rfcSecret, totp(rfcSecret, step), now, step)).toBeNull();
    expect(matchTotp(rfcSecret, totp(rfcSecret, step - 1), now, step)).toBeNull();
    expect(matchTotp(rfcSecret, totp(rfcSecret, step + 1), now, step)).toBe(step + 1);
    expect(matchTotp(rfcSecret, ` ${totp(rfcSecret, step).slice(0, 3)} ${totp(rfcSecret, step).slice(3)} `, now, null)).toBe(step);
    expect(matchTotp(rfcSecret, '12345', now, null)).toBeNull();
    expect(matchTotp(rfcSecret, 'abcdef', now, null)).toBeNull();
  });
});

describe('base32 (RFC 4648)', () => {
  it('encodes the RFC examples and round-trips any bytes', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(rfcSecret)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => base32Decode(base32Encode(Buffer.from(bytes))).equals(Buffer.from(bytes))));
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('makes an otpauth URI authenticator apps read', () => {
    expect(otpauthUri(rfcSecret, 'leiar@gol.kommune.no')).toBe(
      'otpauth://totp/Digikompass%3Aleiar%40gol.kommune.no?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Digikompass&algorithm=SHA1&digits=6&period=30',
    );
  });
});

describe('sealed secrets', () => {
  it('open with the same key only, and differ each time', () => {
    const key = randomBytes(32);
    const a = seal(key, 'GEZDGNBVGY3TQOJQ');
    expect(a).not.toContain('GEZDGNBVGY3TQOJQ');
    expect(seal(key, 'GEZDGNBVGY3TQOJQ')).not.toBe(a);
    expect(unseal(key, a)).toBe('GEZDGNBVGY3TQOJQ');
    expect(() => unseal(randomBytes(32), a)).toThrow();
    const tampered = a.slice(0, -2) + (a.endsWith('A') ? 'BB' : 'AA');
    expect(() => unseal(key, tampered)).toThrow();
  });
});
