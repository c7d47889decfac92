/**
 * The copy of an unfinished form kept on the respondent's own device (localStorage, keyed by the link
 * token), so that a dropped connection or a closed tab loses nothing. Never used on a shared device.
 * Removed when the receipt is shown, when the respondent declines or starts over, and when the wave
 * has closed.
 */
import type { Answers, Language } from '../../../contracts/instrument.js';
import { isLanguage } from '../../i18n/index.js';
import { readLinkingChoices, type LinkingChoices } from './linkingChoices.js';

export interface LocalCopy {
  version: 1;
  answers: Answers;
  /** What was typed in number fields, including text that is not (yet) a number. */
  numberText: Record<string, string>;
  /** Index into instrument.sections. */
  sectionIndex: number;
  unitId: string | null;
  language: Language;
  consentVersion: number;
  draftId: string | null;
  draftToken: string | null;
  /** One per filled-in form; the same key on every retry so the server stores one response. */
  idempotencyKey: string;
  /** The respondent pressed send and the answer has not arrived yet. */
  submitPending: boolean;
  /** The linking step's choices, code answers included: kept only here, and gone with the copy after sending. */
  linking: LinkingChoices;
  /** Active answering time so far (activeTime.ts), so that coming back later continues the sum. */
  activeSeconds: number;
  updatedAt: string;
}

const keyOf = (token: string) => `digikompass.survey.${token}`;

export function loadLocal(token: string): LocalCopy | null {
  try {
    const raw = localStorage.getItem(keyOf(token));
    if (!raw) return null;
    const copy = JSON.parse(raw) as Partial<LocalCopy>;
    if (copy.version !== 1 || typeof copy.idempotencyKey !== 'string' || !isLanguage(copy.language)) return null;
    if (typeof copy.answers !== 'object' || copy.answers === null) return null;
    return {
      version: 1,
      answers: copy.answers,
      numberText: copy.numberText ?? {},
      sectionIndex: typeof copy.sectionIndex === 'number' ? copy.sectionIndex : 0,
      unitId: copy.unitId ?? null,
      language: copy.language,
      consentVersion: typeof copy.consentVersion === 'number' ? copy.consentVersion : 0,
      draftId: copy.draftId ?? null,
      draftToken: copy.draftToken ?? null,
      idempotencyKey: copy.idempotencyKey,
      submitPending: copy.submitPending === true,
      linking: readLinkingChoices(copy.linking),
      activeSeconds: typeof copy.activeSeconds === 'number' && copy.activeSeconds >= 0 ? Math.floor(copy.activeSeconds) : 0,
      updatedAt: copy.updatedAt ?? new Date(0).toISOString(),
    };
  } catch {
    return null;
  }
}

export function saveLocal(token: string, copy: LocalCopy): void {
  try {
    localStorage.setItem(keyOf(token), JSON.stringify(copy));
  } catch {
    // Full or blocked storage: the server draft still holds the answers.
  }
}

export function clearLocal(token: string): void {
  try {
    localStorage.removeItem(keyOf(token));
  } catch {
    // Nothing to clear.
  }
}

/** A random key for one filled-in form. crypto.randomUUID needs https; getRandomValues works everywhere. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
