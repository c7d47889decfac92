/**
 * Small-cell protection of one municipality's results by unit (issue 3's first safe rule); protectRelease()
 * (./release.ts) uses protectUnits() for the participation tables of a release.
 * A count below k must never be shown nor be derivable: not directly, and not by subtracting the
 * shown units from the shown total. Responses without a unit are never shown as a cell of their own.
 *
 * The rule:
 * 1. total = Σ units + unassigned. If total < k, nothing is shown.
 * 2. A unit is 'below_k' when n < k (n = 0 included: a unit is never shown with 0), and
 *    'complementary' when n ≥ k but total − n < k (showing it would reveal the rest).
 * 3. H = the hidden units plus the unassigned responses. While 0 < ΣH < k, the smallest shown unit
 *    (ties by unitId) is hidden as 'complementary'. Each shown unit has n ≥ k, so this happens at most
 *    once, which is the fewest units that can be hidden.
 * Then total − Σ shown = ΣH is 0 or ≥ k, and total − n ≥ k for each shown unit.
 */

export type UnitDisclosure = 'shown' | 'below_k' | 'complementary';

export interface ProtectedUnits {
  total: 'shown' | 'below_k';
  units: Map<string, UnitDisclosure>;
}

export function protectUnits(units: readonly { unitId: string; n: number }[], unassigned: number, k: number): ProtectedUnits {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (!Number.isInteger(unassigned) || unassigned < 0) throw new RangeError(`unassigned must be a count, got ${unassigned}`);
  const seen = new Set<string>();
  for (const u of units) {
    if (!Number.isInteger(u.n) || u.n < 0) throw new RangeError(`unit ${u.unitId}: n must be a count, got ${u.n}`);
    if (seen.has(u.unitId)) throw new RangeError(`unit ${u.unitId} is listed twice`);
    seen.add(u.unitId);
  }

  const total = units.reduce((s, u) => s + u.n, 0) + unassigned;
  const result = new Map<string, UnitDisclosure>();
  if (total < k) {
    for (const u of units) result.set(u.unitId, 'below_k');
    return { total: 'below_k', units: result };
  }

  let hidden = unassigned;
  const shown: { unitId: string; n: number }[] = [];
  for (const u of units) {
    if (u.n === 0 || u.n < k) result.set(u.unitId, 'below_k');
    else if (total - u.n < k) result.set(u.unitId, 'complementary');
    else {
      result.set(u.unitId, 'shown');
      shown.push(u);
      continue;
    }
    hidden += u.n;
  }

  shown.sort((a, b) => a.n - b.n || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  while (hidden > 0 && hidden < k && shown.length > 0) {
    const smallest = shown.shift()!;
    result.set(smallest.unitId, 'complementary');
    hidden += smallest.n;
  }
  return { total: 'shown', units: result };
}

/**
 * Small-cell protection of one item's answer distribution (counts per option) for a whole municipality.
 *
 * `base` is the number of respondents who were shown the item and answered it; `complete` is true when
 * the options add up to the base (single choice) and false when a respondent may choose several (multi).
 * 1. base < k: nothing is shown (base 'below_k', every option 'below_k').
 * 2. A count of 0 is shown (it says "nobody", which reveals no one); a count in 1..k−1 is 'below_k'.
 * 3. Single choice only: H = Σ hidden counts = base − Σ shown counts can be computed by anyone. While
 *    0 < H < k, the smallest shown non-zero count (ties by value) is hidden as 'complementary'. Each
 *    shown non-zero count is ≥ k, so this happens at most once; afterwards H is 0 or ≥ k and at least
 *    two non-zero counts are hidden, so no hidden count can be read as base − Σ shown.
 * Multi choice: the counts do not add up to anything known, so rule 3 is not needed.
 */
export type CountDisclosure = 'shown' | 'below_k' | 'complementary';

export interface ProtectedDistribution {
  base: 'shown' | 'below_k';
  options: Record<string, CountDisclosure>;
}

export function protectDistribution(counts: Record<string, number>, base: number, k: number, complete: boolean): ProtectedDistribution {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (!Number.isInteger(base) || base < 0) throw new RangeError(`base must be a count, got ${base}`);
  const entries = Object.entries(counts);
  for (const [value, c] of entries) {
    if (!Number.isInteger(c) || c < 0) throw new RangeError(`option ${value}: count must be a count, got ${c}`);
    if (c > base) throw new RangeError(`option ${value}: count ${c} exceeds the base ${base}`);
  }
  if (complete && entries.reduce((s, [, c]) => s + c, 0) !== base) throw new RangeError('single choice: the counts must add up to the base');

  const options: Record<string, CountDisclosure> = {};
  if (base < k) {
    for (const [value] of entries) options[value] = 'below_k';
    return { base: 'below_k', options };
  }
  let hidden = 0;
  const shownNonZero: [string, number][] = [];
  for (const [value, c] of entries) {
    if (c > 0 && c < k) {
      options[value] = 'below_k';
      hidden += c;
    } else {
      options[value] = 'shown';
      if (c > 0) shownNonZero.push([value, c]);
    }
  }
  if (complete) {
    shownNonZero.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    while (hidden > 0 && hidden < k && shownNonZero.length > 0) {
      const [value, c] = shownNonZero.shift()!;
      options[value] = 'complementary';
      hidden += c;
    }
  }
  return { base: 'shown', options };
}
