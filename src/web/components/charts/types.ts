/**
 * Data shapes shared by the charts. A figure is a number or a Suppressed marker from the API
 * (src/contracts/api.ts), which the charts draw as a hatched slot with its reason, never as zero.
 */
import type { z } from 'zod';
import type { Suppressed as SuppressedSchema } from '../../../contracts/api.js';
import type { WithheldReason } from '../../../contracts/release.js';

/**
 * Why a figure is withheld: the live endpoints' reasons, a frozen release's (contracts/release.ts) and a
 * mean's all_same; `band` says "all or almost all" / "none or few" for a line where (almost) everyone
 * gave one answer.
 */
export type SuppressedReason = z.infer<typeof SuppressedSchema>['reason'] | WithheldReason;
export interface Suppressed {
  suppressed: true;
  reason: SuppressedReason;
  band?: 'almost_all' | 'few';
}
/** A count or value that may be withheld. */
export type Figure = number | Suppressed;

export function isSuppressed(value: unknown): value is Suppressed {
  return typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true;
}

/** How values are read and formatted: a 0–100 score (one decimal), a percentage 0–100, or a count. */
export type ValueKind = 'score' | 'percent' | 'count';
