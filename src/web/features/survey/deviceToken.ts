/**
 * The opt-in device token: a random value the respondent lets this browser remember (localStorage, one
 * key for the whole device), sent with an answer so that their next answer from the same browser can be
 * linked to it. It says nothing about the person; the server keeps only a keyed hash. Never used on a
 * shared-device link, where the next person on the device is someone else.
 */

const KEY = 'digikompass.deviceToken';
/** 32 random bytes as base64url: 43 characters, within the contract's 22–100. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Bytes → base64url without padding (RFC 4648 §5). */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A new token from the browser's cryptographic random source (tests pass their own bytes). */
export function newDeviceToken(bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(TOKEN_BYTES))): string {
  if (bytes.length !== TOKEN_BYTES) throw new RangeError(`a device token has ${TOKEN_BYTES} random bytes, got ${bytes.length}`);
  return base64url(bytes);
}

/** The token this browser remembers, if any (a damaged value counts as none). */
export function storedDeviceToken(): string | null {
  try {
    const value = localStorage.getItem(KEY);
    return value && TOKEN_SHAPE.test(value) ? value : null;
  } catch {
    return null;
  }
}

/** The remembered token, or a new one that is remembered from now on. */
export function rememberDevice(): string {
  const existing = storedDeviceToken();
  if (existing) return existing;
  const token = newDeviceToken();
  try {
    localStorage.setItem(KEY, token);
  } catch {
    // Blocked storage: the token still links this answer; the next one just cannot be linked by it.
  }
  return token;
}

/** The respondent asked this browser to forget them. */
export function forgetDevice(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
