/**
 * A small integer linear programme solver for the disclosure audits (docs/disclosure.md): what can a viewer
 * prove about unknown counts from the figures they see? The unknowns are non-negative integers, the figures are
 * linear equalities and inequalities with small integer coefficients, and the problems have at most a few
 * hundred variables. Dense two-phase simplex on floating point, then branch and bound for integrality.
 * Every integer point it returns is checked exactly against the constraints (integers, no tolerance), so a
 * "feasible" answer is a proof; an "infeasible" answer rests on the simplex, whose data are small integers.
 */

export type Op = '<=' | '>=' | '=';

/** Σ coefficient·x[index] (op) rhs. */
export interface Constraint {
  terms: readonly (readonly [index: number, coefficient: number])[];
  op: Op;
  rhs: number;
}

/** Variables 0..vars−1, each an integer ≥ 0 (and ≤ upper[i] when given). */
export interface Program {
  vars: number;
  constraints: readonly Constraint[];
  upper?: readonly number[];
}

export type LpResult = { status: 'optimal'; value: number; x: number[] } | { status: 'infeasible' } | { status: 'unbounded' };

const EPS = 1e-9;

/** Minimises c·x over the real relaxation (0 ≤ x ≤ upper, constraints). */
export function solveLp(p: Program, c: readonly number[]): LpResult {
  const rows: { coef: Map<number, number>; op: Op; rhs: number }[] = [];
  for (const con of p.constraints) {
    const coef = new Map<number, number>();
    for (const [i, a] of con.terms) {
      if (!(i >= 0 && i < p.vars)) throw new RangeError(`variable ${i} out of range`);
      coef.set(i, (coef.get(i) ?? 0) + a);
    }
    rows.push({ coef, op: con.op, rhs: con.rhs });
  }
  p.upper?.forEach((u, i) => {
    if (Number.isFinite(u)) rows.push({ coef: new Map([[i, 1]]), op: '<=', rhs: u });
  });
  // rhs ≥ 0: flip rows with a negative right-hand side.
  for (const r of rows) {
    if (r.rhs < 0) {
      for (const [i, a] of r.coef) r.coef.set(i, -a);
      r.rhs = -r.rhs;
      r.op = r.op === '<=' ? '>=' : r.op === '>=' ? '<=' : '=';
    }
  }
  const m = rows.length;
  const n = p.vars;
  const slackOf: number[] = rows.map(() => -1);
  let cols = n;
  for (let i = 0; i < m; i++) if (rows[i]!.op !== '=') slackOf[i] = cols++;
  const artOf: number[] = rows.map(() => -1);
  const firstArt = cols;
  for (let i = 0; i < m; i++) if (rows[i]!.op !== '<=') artOf[i] = cols++;
  const width = cols + 1; // last column: rhs
  const t: Float64Array[] = [];
  const basis: number[] = [];
  for (let i = 0; i < m; i++) {
    const r = rows[i]!;
    const row = new Float64Array(width);
    for (const [j, a] of r.coef) row[j] = a;
    if (r.op === '<=') {
      row[slackOf[i]!] = 1;
      basis.push(slackOf[i]!);
    } else {
      if (r.op === '>=') row[slackOf[i]!] = -1;
      row[artOf[i]!] = 1;
      basis.push(artOf[i]!);
    }
    row[cols] = r.rhs;
    t.push(row);
  }

  // Phase 1: minimise the sum of the artificial variables.
  const obj = new Float64Array(width);
  for (let i = 0; i < m; i++) {
    if (artOf[i]! < 0) continue;
    const row = t[i]!;
    for (let j = 0; j < width; j++) if (j < firstArt || j === cols) obj[j]! -= row[j]!;
  }
  const active = { limit: cols }; // columns that may enter
  if (!simplex(t, basis, obj, active.limit, cols)) throw new Error('phase 1 cannot be unbounded');
  if (obj[cols]! < -1e-7) return { status: 'infeasible' };
  // Drive artificial variables out of the basis (they sit at 0); drop rows that are redundant.
  for (let i = m - 1; i >= 0; i--) {
    if (basis[i]! < firstArt) continue;
    const row = t[i]!;
    let pivotCol = -1;
    for (let j = 0; j < firstArt; j++) if (Math.abs(row[j]!) > EPS) { pivotCol = j; break; }
    if (pivotCol >= 0) pivot(t, basis, obj, i, pivotCol, cols);
    else { t.splice(i, 1); basis.splice(i, 1); }
  }

  // Phase 2: the real objective, artificial columns never enter.
  obj.fill(0);
  for (let j = 0; j < n; j++) obj[j] = c[j] ?? 0;
  for (let i = 0; i < t.length; i++) {
    const cb = basis[i]! < n ? (c[basis[i]!] ?? 0) : 0;
    if (cb === 0) continue;
    const row = t[i]!;
    for (let j = 0; j < width; j++) obj[j]! -= cb * row[j]!;
  }
  for (let j = firstArt; j < cols; j++) obj[j] = 0;
  if (!simplex(t, basis, obj, firstArt, cols)) return { status: 'unbounded' };
  const x = new Array<number>(n).fill(0);
  for (let i = 0; i < t.length; i++) if (basis[i]! < n) x[basis[i]!] = t[i]![cols]!;
  let value = 0;
  for (let j = 0; j < n; j++) value += (c[j] ?? 0) * x[j]!;
  return { status: 'optimal', value, x };
}

function pivot(t: Float64Array[], basis: number[], obj: Float64Array, r: number, col: number, rhsCol: number): void {
  const prow = t[r]!;
  const pv = prow[col]!;
  // The tableau is sparse: only the pivot row's non-zero columns change the other rows (x − f·0 = x).
  const nz: number[] = [];
  for (let j = 0; j <= rhsCol; j++) {
    if (prow[j] !== 0) {
      prow[j]! /= pv;
      nz.push(j);
    }
  }
  for (let i = 0; i < t.length; i++) {
    if (i === r) continue;
    const row = t[i]!;
    const f = row[col]!;
    if (f === 0) continue;
    for (const j of nz) row[j]! -= f * prow[j]!;
    row[col] = 0;
  }
  const f = obj[col]!;
  if (f !== 0) {
    for (const j of nz) obj[j]! -= f * prow[j]!;
    obj[col] = 0;
  }
  basis[r] = col;
}

/** Primal simplex on a canonical tableau; false when unbounded. Dantzig's rule, Bland's after many steps (no cycling). */
function simplex(t: Float64Array[], basis: number[], obj: Float64Array, enterLimit: number, rhsCol: number): boolean {
  for (let iter = 0; ; iter++) {
    const bland = iter > 50 * (t.length + enterLimit);
    let col = -1;
    let best = -EPS;
    for (let j = 0; j < enterLimit; j++) {
      if (obj[j]! < best) {
        col = j;
        if (bland) break;
        best = obj[j]!;
      }
    }
    if (col < 0) return true;
    let r = -1;
    let ratio = Infinity;
    for (let i = 0; i < t.length; i++) {
      const a = t[i]![col]!;
      if (a <= EPS) continue;
      const q = t[i]![rhsCol]! / a;
      if (q < ratio - EPS || (q <= ratio + EPS && r >= 0 && basis[i]! < basis[r]!)) {
        ratio = q;
        r = i;
      }
    }
    if (r < 0) return false;
    pivot(t, basis, obj, r, col, rhsCol);
  }
}

/** True when the integer point x meets every constraint and bound exactly. */
export function satisfies(p: Program, x: readonly number[]): boolean {
  if (x.length !== p.vars) return false;
  for (let i = 0; i < p.vars; i++) {
    const v = x[i]!;
    if (!Number.isInteger(v) || v < 0) return false;
    const u = p.upper?.[i];
    if (u !== undefined && v > u) return false;
  }
  for (const con of p.constraints) {
    let s = 0;
    for (const [i, a] of con.terms) s += a * x[i]!;
    if (con.op === '=' ? s !== con.rhs : con.op === '<=' ? s > con.rhs : s < con.rhs) return false;
  }
  return true;
}

export type IlpResult = { status: 'optimal'; value: number; x: number[] } | { status: 'infeasible' };

/**
 * Minimises (or maximises) c·x over the integer points. Branch and bound, depth first; c must have integer
 * coefficients so that a node whose relaxation cannot beat the incumbent by 1 is pruned. The problems given
 * here are bounded (every variable is a count inside a known total); an unbounded relaxation is an error.
 */
export function solveIlp(p: Program, c: readonly number[], sense: 'min' | 'max' = 'min'): IlpResult {
  const sign = sense === 'min' ? 1 : -1;
  const cc = Array.from({ length: p.vars }, (_, j) => sign * (c[j] ?? 0));
  let best: { value: number; x: number[] } | null = null;
  const stack: Constraint[][] = [[]];
  let nodes = 0;
  while (stack.length > 0) {
    const extra = stack.pop()!;
    if (++nodes > 20_000) throw new Error('branch and bound: too many nodes');
    const lp = solveLp({ ...p, constraints: [...p.constraints, ...extra] }, cc);
    if (lp.status === 'unbounded') throw new Error('the relaxation is unbounded: give every variable a bound');
    if (lp.status === 'infeasible') continue;
    if (best && Math.ceil(lp.value - 1e-7) >= best.value) continue;
    let branch = -1;
    let frac = 0;
    for (let j = 0; j < p.vars; j++) {
      const f = Math.abs(lp.x[j]! - Math.round(lp.x[j]!));
      if (f > 1e-7 && f > frac) { frac = f; branch = j; }
    }
    if (branch < 0) {
      const x = lp.x.map((v) => Math.round(v));
      if (!satisfies(p, x)) throw new Error('the simplex returned a point that breaks a constraint');
      let value = 0;
      for (let j = 0; j < p.vars; j++) value += cc[j]! * x[j]!;
      if (!best || value < best.value) best = { value, x };
      continue;
    }
    const v = lp.x[branch]!;
    // Explore the side nearer the relaxed value last, so that it is popped first.
    const down: Constraint[] = [...extra, { terms: [[branch, 1]], op: '<=', rhs: Math.floor(v) }];
    const up: Constraint[] = [...extra, { terms: [[branch, 1]], op: '>=', rhs: Math.ceil(v) }];
    if (v - Math.floor(v) < 0.5) stack.push(up, down);
    else stack.push(down, up);
  }
  return best ? { status: 'optimal', value: sign * best.value + 0, x: best.x } : { status: 'infeasible' };
}

/** Any integer point of the programme, or null when there is none. */
export function findInteger(p: Program): number[] | null {
  const r = solveIlp(p, []);
  return r.status === 'optimal' ? r.x : null;
}

/** The exact range [min, max] of Σ x[i] over the integer points (null when there are none). */
export function integerRange(p: Program, cells: readonly number[]): [number, number] | null {
  const c = new Array<number>(p.vars).fill(0);
  for (const i of cells) c[i]! += 1;
  const lo = solveIlp(p, c, 'min');
  if (lo.status === 'infeasible') return null;
  const hi = solveIlp(p, c, 'max');
  if (hi.status === 'infeasible') throw new Error('feasible for min but not for max');
  return [lo.value, hi.value];
}
