/**
 * Receipt and resume codes in Crockford base32: digits and upper-case letters without I, L, O and U,
 * so a code read aloud or typed from paper survives; shown in groups ("ABCD-EFGH-…").
 */

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The first `chars` × 5 bits of `bytes` (most significant bit first) as Crockford base32. */
export function toCrockford(bytes: Uint8Array, chars: number): string {
  if (!Number.isInteger(chars) || chars < 0) throw new RangeError(`chars must be a non-negative integer, got ${chars}`);
  if (chars * 5 > bytes.length * 8) throw new RangeError(`${chars} characters need ${Math.ceil((chars * 5) / 8)} bytes, got ${bytes.length}`);
  let out = '';
  let buffer = 0;
  let bits = 0;
  let next = 0;
  while (out.length < chars) {
    if (bits < 5) {
      buffer = ((buffer << 8) | bytes[next++]!) & 0xffff;
      bits += 8;
    }
    out += CROCKFORD_ALPHABET[(buffer >> (bits - 5)) & 31];
    bits -= 5;
  }
  return out;
}

/** "ABCDEFGH" → "ABCD-EFGH" (the last group may be shorter). */
export function groupCode(code: string, size = 4): string {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += size) groups.push(code.slice(i, i + size));
  return groups.join('-');
}

/**
 * What a person typed → the canonical code, or null when it holds a character that is not in the
 * alphabet (or nothing). Upper-cases; drops spaces and hyphens (also en/em dashes); reads I and L as 1, O as 0.
 */
export function normalizeCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (code === '') return null;
  for (const ch of code) if (!CROCKFORD_ALPHABET.includes(ch)) return null;
  return code;
}
