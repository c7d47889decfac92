/**
 * Small-cell protection of one municipality's results by unit (issue 3's first safe rule).
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
