/**
 * Item covariance and correlation matrices with the two ways of handling missing answers R offers:
 * 'pairwise' (R's use = "pairwise.complete.obs", psych's default) — each entry from the respondents who
 * answered both items, with means and SDs over those respondents; 'complete' — only respondents who
 * answered every item (R's na.omit / use = "complete.obs").
 * One pass over the rows, on values shifted by a per-item constant (the item's first answer) so the sums
 * stay small and exact for Likert answers.
 */
import type { ItemMatrix } from './descriptives.js';

export type MissingHandling = 'pairwise' | 'complete';

export interface ItemMoments {
  k: number;
  /** Respondents whose rows were used: with at least one answer ('pairwise') or with all answers ('complete'). */
  rows: number;
  /** k × k, row-major. cov[i·k + j] from the n[i·k + j] respondents who answered both. */
  cov: Float64Array;
  /** Pearson correlations over the same respondents as the covariance (R's cor(use = "pairwise")). */
  cor: Float64Array;
  n: Float64Array;
}

function isAnswer(v: number | null | undefined): v is number {
  return v !== null && v !== undefined && !Number.isNaN(v);
}

/** Number of items; throws when the rows are of different lengths. */
export function itemCount(items: ItemMatrix): number {
  const k = items[0]?.length ?? 0;
  for (const row of items) if (row.length !== k) throw new RangeError(`every row needs ${k} items, got ${row.length}`);
  return k;
}

export function itemMoments(items: ItemMatrix, missing: MissingHandling): ItemMoments {
  const k = itemCount(items);
  const shift = new Float64Array(k).fill(Number.NaN);
  for (const row of items) {
    for (let j = 0; j < k; j++) if (Number.isNaN(shift[j]!) && isAnswer(row[j])) shift[j] = row[j]!;
  }
  // Per item over the rows that answer it: count, Σx, Σx². Per pair: Σxᵢxⱼ over rows that answer both, and
  // what rows answering i but not j add to i's count, Σx and Σx² — the pairwise sums are the difference.
  // So a row costs (answered)²/2 + 3 · answered · unanswered, not 6 sums per pair: cheap when few answers are missing.
  const kk = k * k;
  const count = new Float64Array(k);
  const sum = new Float64Array(k);
  const squares = new Float64Array(k);
  const cross = new Float64Array(kk);
  const lostCount = new Float64Array(kk); // [i·k + j]: rows with i answered and j not
  const lostSum = new Float64Array(kk);
  const lostSquares = new Float64Array(kk);
  const answered = new Int32Array(k);
  const unanswered = new Int32Array(k);
  const value = new Float64Array(k);
  let rows = 0;
  for (const row of items) {
    let m = 0;
    let u = 0;
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (isAnswer(v)) {
        answered[m] = j;
        value[m++] = v - shift[j]!;
      } else unanswered[u++] = j;
    }
    if (m === 0 || (missing === 'complete' && u > 0)) continue;
    rows++;
    for (let a = 0; a < m; a++) {
      const i = answered[a]!;
      const x = value[a]!;
      count[i]!++;
      sum[i]! += x;
      squares[i]! += x * x;
      const base = i * k;
      for (let b = a; b < m; b++) cross[base + answered[b]!]! += x * value[b]!;
      for (let c = 0; c < u; c++) {
        const o = base + unanswered[c]!;
        lostCount[o]!++;
        lostSum[o]! += x;
        lostSquares[o]! += x * x;
      }
    }
  }
  const cov = new Float64Array(kk);
  const cor = new Float64Array(kk);
  const n = new Float64Array(kk);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const ij = i * k + j;
      const ji = j * k + i;
      const c = count[i]! - lostCount[ij]!;
      const sx = sum[i]! - lostSum[ij]!;
      const sy = sum[j]! - lostSum[ji]!;
      const cxy = cross[ij]! - (sx * sy) / c;
      const cxx = squares[i]! - lostSquares[ij]! - (sx * sx) / c;
      const cyy = squares[j]! - lostSquares[ji]! - (sy * sy) / c;
      n[ij] = n[ji] = c;
      cov[ij] = cov[ji] = c >= 2 ? cxy / (c - 1) : Number.NaN;
      cor[ij] = cor[ji] = c < 2 ? Number.NaN : i === j ? (cxx > 0 ? 1 : Number.NaN) : cxy / Math.sqrt(cxx * cyy);
    }
  }
  return { k, rows, cov, cor, n };
}
