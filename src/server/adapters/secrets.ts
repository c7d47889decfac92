/**
 * The server secret: the HMAC key behind receipt codes, resume-code hashes and hashed rate-limit keys.
 * It lives outside the database (environment or a file with mode 600), so a database dump alone
 * cannot turn a stored hash back into a code. Also: random tokens and plain hashes.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Secrets {
  /** HMAC-SHA256 with the server key over `purpose + ':' + value`. */
  hmac(purpose: string, value: string): Buffer;
  /** The same, as lower-case hex (for storing and looking up). */
  hmacHex(purpose: string, value: string): string;
}

export function secretsFromKey(key: Buffer): Secrets {
  if (key.length < 32) throw new Error('the server secret must be at least 32 bytes');
  const hmac = (purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}:${value}`).digest();
  return { hmac, hmacHex: (purpose, value) => hmac(purpose, value).toString('hex') };
}

/** DIGIKOMPASS_SECRET (base64, hex or any string of ≥ 32 characters), else DATA_DIR/secret.key, made once. */
export function loadSecretKey(opts: { env?: string; file: string | null }): Buffer {
  if (opts.env && opts.env.trim() !== '') {
    const value = opts.env.trim();
    if (value.length < 32) throw new Error('DIGIKOMPASS_SECRET must be at least 32 characters');
    return createHash('sha256').update(value).digest();
  }
  if (opts.file === null) return randomBytes(32);
  if (existsSync(opts.file)) {
    const text = readFileSync(opts.file, 'utf8').trim();
    const key = Buffer.from(text, 'base64url');
    if (key.length < 32) throw new Error(`${opts.file} does not hold a valid secret (32 bytes, base64url)`);
    return key;
  }
  mkdirSync(dirname(opts.file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(opts.file, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(opts.file, 0o600);
  return key;
}

/** A random, URL-safe token with `bytes` × 8 bits of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time string comparison (for CSRF tokens and the like). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Symmetric encryption of a small secret for storing (AES-256-GCM, random 96-bit nonce), with a key the
 * caller derives from the server secret for one purpose: a database dump alone cannot open it.
 * Format: v1.<nonce>.<tag>.<ciphertext>, base64url.
 */
export function seal(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function unseal(key: Buffer, sealed: string): string {
  const [version, nonce, tag, body] = sealed.split('.');
  if (version !== 'v1' || !nonce || !tag || body === undefined) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
