/**
 * What the respondent chose on the linking step, and how it travels in the submit (SubmitBody.linking):
 * the earlier wave's receipt code, this browser's remembered token, and the answers to the code
 * questions (src/domain/linking.ts). Every part is optional; nothing chosen sends nothing. Pure.
 */
import type { LinkingBody } from '../../../contracts/api.js';
import { SGIC_COMPONENTS, type SgicComponent } from '../../../domain/linking.js';
import { readReceiptInput } from '../receipt/receiptCode.js';

export interface LinkingChoices {
  /** The earlier wave's receipt code as typed. */
  earlierReceipt: string;
  /** The typed code once the server has confirmed it belongs to an earlier answer (grouped), else null. */
  earlierReceiptFound: string | null;
  /** Send this browser's token: it links to an earlier answer from here and lets the next one link to this. */
  device: boolean;
  /** Code question answers by component id; a question left at "don't know" is absent. */
  code: Record<string, string>;
}

export const NO_LINKING: LinkingChoices = { earlierReceipt: '', earlierReceiptFound: null, device: false, code: {} };

/** A saved copy from an older version of the form, or damaged: only the parts that have the right shape. */
export function readLinkingChoices(saved: unknown): LinkingChoices {
  if (typeof saved !== 'object' || saved === null) return NO_LINKING;
  const s = saved as Partial<Record<keyof LinkingChoices, unknown>>;
  const known = new Set(SGIC_COMPONENTS.map((c) => c.id));
  const code = typeof s.code === 'object' && s.code !== null ? s.code : {};
  return {
    earlierReceipt: typeof s.earlierReceipt === 'string' ? s.earlierReceipt : '',
    earlierReceiptFound: typeof s.earlierReceiptFound === 'string' ? s.earlierReceiptFound : null,
    device: s.device === true,
    code: Object.fromEntries(Object.entries(code).filter(([id, value]) => known.has(id) && typeof value === 'string' && value !== '')),
  };
}

export interface LinkingContext {
  /** A shared-device link: no device token, ever. */
  shared: boolean;
  /** The project has an earlier wave to link to. */
  earlierWave: boolean;
  /** This browser's token, made and remembered when first needed. */
  deviceToken: () => string;
}

/** The submit's `linking`, or undefined when the respondent chose nothing. */
export function linkingBody(choices: LinkingChoices, context: LinkingContext): LinkingBody | undefined {
  const body: LinkingBody = {};
  if (context.earlierWave) {
    // A code the server could not check (no connection) still goes: the server links only when it is right.
    const typed = readReceiptInput(choices.earlierReceipt);
    const code = choices.earlierReceiptFound ?? (typed.ok ? typed.code : null);
    if (code) body.earlierReceiptCode = code;
  }
  if (choices.device && !context.shared) body.deviceToken = context.deviceToken();
  const code = Object.fromEntries(SGIC_COMPONENTS.filter((c) => choices.code[c.id]).map((c) => [c.id, choices.code[c.id]!]));
  if (Object.keys(code).length > 0) body.code = code;
  return Object.keys(body).length > 0 ? body : undefined;
}

/** The choices a code question offers, as values the domain's normaliser reads (src/domain/linking.ts). */
export function componentOptions(def: SgicComponent, labels: { month: (month: number) => string; orMore: (count: number) => string }): { value: string; label: string }[] {
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  switch (def.input.kind) {
    case 'letter':
      // The Norwegian alphabet; Å is offered although it counts as A (AA/Å are the same letter in older names).
      return [...'ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ'].map((letter) => ({ value: letter, label: letter }));
    case 'day':
      return range(1, 31).map((day) => ({ value: String(day), label: String(day) }));
    case 'month':
      return range(1, 12).map((month) => ({ value: String(month), label: labels.month(month) }));
    case 'count': {
      const max = def.input.max;
      return [...range(0, max - 1).map((n) => ({ value: String(n), label: String(n) })), { value: `${max}+`, label: labels.orMore(max) }];
    }
  }
}
