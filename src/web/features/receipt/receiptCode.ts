/**
 * The receipt code as the respondent handles it after the survey: read what they typed (spaces,
 * dashes, lower case and the look-alikes I/L/O are forgiven), and build the links that let them send
 * the code to themselves with their own e-mail or SMS app. Pure, so it is unit-tested without a browser.
 */
import { groupCode, normalizeCode } from '../../../domain/codes.js';

/** The page where a respondent sees or withdraws their answers with the receipt code. */
export const RECEIPT_PATH = '/kvittering';

/** 100 bits in Crockford base32 (see ARCHITECTURE.md, "Receipt codes"). */
export const RECEIPT_CODE_LENGTH = 20;

export type ReceiptInput =
  | { ok: true; /** Canonical and grouped, as the server hashes it: "ABCD-EFGH-…". */ code: string }
  | { ok: false; reason: 'empty' | 'characters' | 'length' };

/** What a person typed → the grouped receipt code, or why it cannot be one (without asking the server). */
export function readReceiptInput(typed: string): ReceiptInput {
  if (typed.trim() === '') return { ok: false, reason: 'empty' };
  const code = normalizeCode(typed);
  if (code === null) return { ok: false, reason: 'characters' };
  if (code.length !== RECEIPT_CODE_LENGTH) return { ok: false, reason: 'length' };
  return { ok: true, code: groupCode(code) };
}

/**
 * A mailto: link that opens the respondent's own mail app with subject and body filled in and no
 * recipient (they choose themselves). RFC 6068: percent-encoded, line breaks as CRLF.
 */
export function mailtoHref(subject: string, body: string): string {
  const encode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));
  return `mailto:?subject=${encode(subject)}&body=${encode(body)}`;
}

/**
 * An sms: link with the message filled in and no recipient. "sms:?&body=" is the form both iOS and
 * Android read (iOS ignores "?body=" without the "&").
 */
export function smsHref(body: string): string {
  return `sms:?&body=${encodeURIComponent(body)}`;
}

/** The receipt page's full address on this server, for a message the respondent keeps. */
export function receiptPageUrl(origin: string): string {
  return `${origin.replace(/\/$/, '')}${RECEIPT_PATH}`;
}
