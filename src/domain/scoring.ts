/**
 * Scale scores on 0–100 and proficiency levels. A score is the mean of the scale's answered items,
 * each placed on 0–1 between its Likert scale's lowest and highest point (reverse-keyed items turned
 * around), times 100. When all items share one Likert scale this is exactly
 * 100 × (mean − scale min) ÷ (max − min). Nothing is rounded here: presentation rounds.
 * Bump SCORING_VERSION whenever a stored score would come out differently.
 */
import type { Answers, Instrument, LikertScale, ScaleDef } from '../contracts/instrument.js';
import { pruneHidden } from './conditions.js';
import { answerableItems } from './instrument.js';

export const SCORING_VERSION = 1;

/** Scales of kind area and aspect are reported by proficiency level; the others (trust, worries, confidence) by their mean only. */
export function hasLevels(kind: string): boolean {
  return kind === 'area' || kind === 'aspect';
}

function likertScaleOf(instrument: Instrument): Map<string, LikertScale> {
  const out = new Map<string, LikertScale>();
  for (const a of answerableItems(instrument)) if (a.kind === 'likert' && a.scale) out.set(a.id, a.scale);
  return out;
}

/** Floating-point slack for the answered-share test (4 of 6 against a minimum share of 2/3). */
const EPSILON = 1e-9;

function scoreOnPruned(scale: ScaleDef, answers: Answers, scales: Map<string, LikertScale>): number | null {
  let sum = 0;
  let answered = 0;
  for (const ref of scale.items) {
    const likert = scales.get(ref.item);
    const v = Object.hasOwn(answers, ref.item) ? answers[ref.item] : undefined;
    // "na", missing answers and values that are no point of the scale are left out.
    if (!likert || typeof v !== 'number' || !likert.points.some((p) => p.value === v)) continue;
    const values = likert.points.map((p) => p.value);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const position = (v - min) / (max - min);
    sum += ref.reverse ? 1 - position : position;
    answered++;
  }
  if (answered === 0 || answered + EPSILON < scale.minAnsweredShare * scale.items.length) return null;
  return (100 * sum) / answered;
}

/** One scale's score 0–100, or null when too few of its items are answered. Hidden answers are ignored. */
export function scoreScale(instrument: Instrument, scale: ScaleDef, answers: Answers): number | null {
  return scoreOnPruned(scale, pruneHidden(instrument, answers), likertScaleOf(instrument));
}

/** Every scale's score (scale id → 0–100 or null), on the answers pruneHidden() keeps. */
export function scoreResponse(instrument: Instrument, answers: Answers): Record<string, number | null> {
  const kept = pruneHidden(instrument, answers);
  const scales = likertScaleOf(instrument);
  const out: Record<string, number | null> = {};
  for (const scale of instrument.scales) out[scale.id] = scoreOnPruned(scale, kept, scales);
  return out;
}

/**
 * scoreResponse() for answers pruneHidden() has already kept (resolveVisibility().answers), for many
 * responses of one instrument: the same scores without walking the conditions again.
 */
export function keptScorer(instrument: Instrument): (kept: Answers) => Record<string, number | null> {
  const scales = likertScaleOf(instrument);
  return (kept) => {
    const out: Record<string, number | null> = {};
    for (const scale of instrument.scales) out[scale.id] = scoreOnPruned(scale, kept, scales);
    return out;
  };
}

/** The 0-based level of a score: the number of (ascending) cut points it reaches (score ≥ cut). */
export function levelOf(score: number, cutPoints: readonly number[]): number {
  let level = 0;
  for (const cut of cutPoints) if (score >= cut) level++;
  return level;
}

/**
 * The scores stored with a response (`response_score`): every scale that has a score; a scale without
 * one gets no row. Web submits and imports both store exactly this.
 */
export function storedScores(instrument: Instrument, answers: Answers): { scaleId: string; score: number }[] {
  return Object.entries(scoreResponse(instrument, answers))
    .filter((e): e is [string, number] => e[1] !== null)
    .map(([scaleId, score]) => ({ scaleId, score }));
}
