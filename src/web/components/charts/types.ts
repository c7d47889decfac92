/**
 * Data shapes shared by the charts. A figure is a number or a Suppressed marker from the API
 * (src/contracts/api.ts), which the charts draw as a hatched slot with its reason, never as zero.
 */
import type { z } from 'zod';
import type { Suppressed as SuppressedSchema } from '../../../contracts/api.js';

export type Suppressed = z.infer<typeof SuppressedSchema>;
export type SuppressedReason = Suppressed['reason'];
/** A count or value that may be withheld. */
export type Figure = number | Suppressed;

export function isSuppressed(value: unknown): value is Suppressed {
  return typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true;
}

/** How values are read and formatted: a 0–100 score (one decimal), a percentage 0–100, or a count. */
export type ValueKind = 'score' | 'percent' | 'count';
