import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET, groupCode, normalizeCode, toCrockford } from './codes.js';

/** An independent decoder: the bits the characters stand for, as a string of 0/1. */
const bitsOf = (code: string) => [...code].map((c) => CROCKFORD_ALPHABET.indexOf(c).toString(2).padStart(5, '0')).join('');
const bytesToBits = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');

describe('toCrockford', () => {
  it('encodes known values', () => {
    expect(toCrockford(new Uint8Array(5), 8)).toBe('00000000');
    expect(toCrockford(new Uint8Array(5).fill(255), 8)).toBe('ZZZZZZZZ');
    expect(toCrockford(new Uint8Array([0x66]), 1)).toBe('C'); // 01100…
    expect(toCrockford(new Uint8Array([0b00001000, 0b10000000]), 3)).toBe('120');
    // "foobar" is CSQPYRK1E8 in Crockford base32; 9 characters use 45 of its 48 bits.
    expect(toCrockford(new TextEncoder().encode('foobar'), 9)).toBe('CSQPYRK1E');
  });

  it('makes a 100-bit receipt code of 20 characters from 13 bytes', () => {
    expect(toCrockford(new Uint8Array(13).fill(0xab), 20)).toHaveLength(20);
    expect(() => toCrockford(new Uint8Array(12), 20)).toThrow(RangeError);
  });

  it('keeps the first 5 × chars bits, most significant first', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 20 }), fc.nat(), (bytes, c) => {
        const chars = c % (Math.floor((bytes.length * 8) / 5) + 1);
        const code = toCrockford(bytes, chars);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]*$/);
        expect(bitsOf(code)).toBe(bytesToBits(bytes).slice(0, chars * 5));
      }),
    );
  });
});

describe('groupCode and normalizeCode', () => {
  it('groups by four', () => {
    expect(groupCode('ABCDEFGHJK')).toBe('ABCD-EFGH-JK');
    expect(groupCode('ABCDEFGH', 2)).toBe('AB-CD-EF-GH');
    expect(groupCode('')).toBe('');
  });

  it('reads what people type', () => {
    expect(normalizeCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(normalizeCode('iLoO')).toBe('1100');
    expect(normalizeCode('AB CD–EF')).toBe('ABCDEF');
    expect(normalizeCode('ABCU')).toBeNull();
    expect(normalizeCode('AB*C')).toBeNull();
    expect(normalizeCode(' - ')).toBeNull();
  });

  it('normalizeCode undoes groupCode and lower case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 13, maxLength: 13 }), fc.integer({ min: 1, max: 6 }), (bytes, size) => {
        const code = toCrockford(bytes, 20);
        expect(normalizeCode(groupCode(code, size))).toBe(code);
        expect(normalizeCode(groupCode(code, size).toLowerCase())).toBe(code);
      }),
    );
  });
});
