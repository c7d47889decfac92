/**
 * The attacker's view of one block of a release (docs/disclosure.md, "Attacker model"). The unknowns are
 * the true counts of the finest cells (e.g. unit × answer category); everything a viewer sees — shown
 * figures, what each withholding reason implies, each group's number of respondents — is a linear fact
 * about them. A set of cells is "pinned down" when every integer solution of the facts puts its total in
 * 1..k−1; a group is "unanimous" when every solution has it non-empty and all of it in one answer. The
 * auditor decides both exactly (integer programming, ./ilp.ts).
 *
 * Speed: one solution where the set is empty or has ≥ k members proves it safe, so known solutions (the
 * truth first) answer most questions. The others go to the solver after a presolve: facts on one cell
 * become bounds, cells they pin are substituted, and only the connected part of the facts that holds the
 * question's cells is solved — the truth is a solution of every other part, so a solution of that part,
 * completed with the truth, is a solution of all. Before the solver, bound propagation over that part and
 * the question settles most impossible cases (crossing bounds prove there is no integer solution) and
 * shrinks the rest; it only deduces, so every answer is the one the solver alone would give (audit.test.ts).
 */
import { satisfies, solveIlp, type Constraint, type Program } from './ilp.js';

export type Sensitive =
  /** A set of cells whose total must not be provable to lie in 1..k−1. */
  | { kind: 'small'; cells: readonly number[] }
  /** A group (cells) and one answer inside it (a subset of the cells): "all of the group gave this answer" must not be provable. */
  | { kind: 'unanimous'; group: readonly number[]; answer: readonly number[] }
  /**
   * A group's count of an answer that is 0: "nobody in the group gave it" must not be provable. Two such
   * zeros from different groupings (nobody in the unit answered b, nobody in the profession answered c) would
   * make everyone in both answer a.
   */
  | { kind: 'nonzero'; cells: readonly number[] };

const POOL_SIZE = 48;

const sum = (x: readonly number[], cells: readonly number[]) => cells.reduce((s, i) => s + x[i]!, 0);

interface Presolved {
  /** Cells whose value the facts fix. */
  fixed: Map<number, number>;
  lo: number[];
  hi: number[];
  /** Facts on two or more free cells, fixed ones moved to the right-hand side. */
  rest: Constraint[];
  /** Component id of each free cell. */
  component: number[];
  /** Connected parts asked about so far (key: their component ids): cells, and facts in local indices. */
  parts: Map<string, { local: number[]; index: Map<number, number>; facts: Constraint[] }>;
}

export class Auditor {
  private program: Program;
  private presolved: Presolved | null = null;
  /** Known integer solutions; each is re-checked against the current facts before it is used. */
  private readonly pool: number[][];
  /** The last question found unsafe on the current facts (secondary suppression asks it again at once). */
  private unsafe: Sensitive | null = null;

  constructor(
    private readonly k: number,
    private readonly truth: readonly number[],
    constraints: readonly Constraint[],
  ) {
    this.program = { vars: truth.length, constraints };
    if (!satisfies(this.program, truth)) throw new RangeError('the figures do not fit the counts they were made from');
    this.pool = [[...truth]];
  }

  /** The facts changed (more figures withheld). */
  setConstraints(constraints: readonly Constraint[]): void {
    this.program = { ...this.program, constraints };
    this.presolved = null;
    this.unsafe = null;
  }

  /** True when the viewer cannot prove the disclosure q describes. */
  isSafe(q: Sensitive): boolean {
    if (q === this.unsafe) return false;
    const k = this.k;
    const witness = (x: readonly number[]) =>
      q.kind === 'small'
        ? ((s) => s === 0 || s >= k)(sum(x, q.cells))
        : q.kind === 'nonzero'
          ? sum(x, q.cells) >= 1
          : sum(x, q.group) - sum(x, q.answer) >= 1 || sum(x, q.group) === 0;
    for (const x of this.pool) if (witness(x) && satisfies(this.program, x)) return true;

    const attempts: { cells: readonly number[]; minus?: readonly number[]; op: '<=' | '>='; rhs: number }[] =
      q.kind === 'small'
        ? [{ cells: q.cells, op: '<=', rhs: 0 }, { cells: q.cells, op: '>=', rhs: k }]
        : q.kind === 'nonzero'
          ? [{ cells: q.cells, op: '>=', rhs: 1 }]
          : [{ cells: q.group, minus: q.answer, op: '>=', rhs: 1 }, { cells: q.group, op: '<=', rhs: 0 }];
    for (const a of attempts) {
      const x = this.solveWith(a.cells, a.minus ?? [], a.op, a.rhs);
      if (x) {
        this.pool.push(x);
        if (this.pool.length > POOL_SIZE) this.pool.splice(1, 1); // keep the truth
        return true;
      }
    }
    this.unsafe = q;
    return false;
  }

  /** An integer solution of the facts with Σ plus − Σ minus (op) rhs, or null. */
  private solveWith(plus: readonly number[], minus: readonly number[], op: '<=' | '>=', rhs: number): number[] | null {
    const p = (this.presolved ??= presolve(this.program));
    const coef = new Map<number, number>();
    let constant = 0;
    for (const [cells, c] of [[plus, 1], [minus, -1]] as const) {
      for (const i of cells) {
        const v = p.fixed.get(i);
        if (v !== undefined) constant += c * v;
        else coef.set(i, (coef.get(i) ?? 0) + c);
      }
    }
    for (const [i, c] of coef) if (c === 0) coef.delete(i);
    const target = rhs - constant;
    if (coef.size === 0) return (op === '<=' ? 0 <= target : 0 >= target) ? [...this.truth] : null;

    // The part of the facts that holds the question's cells (the same parts are asked about again and again).
    const comps = [...new Set([...coef.keys()].map((i) => p.component[i]!))].sort((a, b) => a - b);
    const key = comps.join(',');
    let part = p.parts.get(key);
    if (!part) {
      const wanted = new Set(comps);
      const local: number[] = [];
      const index = new Map<number, number>();
      p.component.forEach((c, i) => {
        if (c >= 0 && wanted.has(c)) { index.set(i, local.length); local.push(i); }
      });
      const facts: Constraint[] = [];
      for (const con of p.rest) {
        if (!wanted.has(p.component[con.terms[0]![0]]!)) continue;
        facts.push({ terms: con.terms.map(([i, a]) => [index.get(i)!, a] as const), op: con.op, rhs: con.rhs });
      }
      p.parts.set(key, (part = { local, index, facts }));
    }
    const { local, index } = part;
    const constraints = [...part.facts, { terms: [...coef].map(([i, c]) => [index.get(i)!, c] as const), op, rhs: target }];
    // Bounds the facts imply settle most questions without a solve: when they contradict each other there is
    // no integer solution. Otherwise the lower bounds shift the cells (x − lo ≥ 0), so they need no rows.
    const lo = local.map((i) => p.lo[i]!);
    const hi = local.map((i) => p.hi[i]!);
    if (!propagate(constraints, lo, hi)) return null;
    // Cells the bounds pin are substituted; the others shifted (y = x − lo ≥ 0), so lower bounds need no rows.
    const free: number[] = [];
    const at = local.map((_, j) => (lo[j]! < hi[j]! ? free.push(j) - 1 : -1));
    const shifted: Constraint[] = [];
    for (const con of constraints) {
      const terms: (readonly [number, number])[] = [];
      let rhs = con.rhs;
      for (const [j, a] of con.terms) {
        rhs -= a * lo[j]!;
        if (at[j]! >= 0) terms.push([at[j]!, a]);
      }
      if (terms.length > 0) shifted.push({ terms, op: con.op, rhs }); // else it holds: propagate() checked it
    }
    const r = free.length > 0 ? solveIlp({ vars: free.length, constraints: shifted, upper: free.map((j) => p.hi[local[j]!]! - lo[j]!) }, []) : ({ status: 'optimal', x: [] } as const);
    if (r.status !== 'optimal') return null;
    const x = [...this.truth];
    for (const [i, v] of p.fixed) x[i] = v;
    local.forEach((i, j) => (x[i] = lo[j]! + (at[j]! >= 0 ? r.x[at[j]!]! : 0)));
    return x;
  }
}

/** Bounds from one-cell facts, cells they pin substituted, the remaining facts grouped into connected parts. */
function presolve(program: Program): Presolved {
  const n = program.vars;
  const lo = new Array<number>(n).fill(0);
  const hi = Array.from({ length: n }, (_, i) => program.upper?.[i] ?? Infinity);
  // (upper bounds that the facts do not tighten stay Infinity: no row for them)
  const fixed = new Map<number, number>();
  let pending = program.constraints.map((c) => ({ terms: [...c.terms], op: c.op, rhs: c.rhs }));
  for (let changed = true; changed;) {
    changed = false;
    const next: typeof pending = [];
    for (const c of pending) {
      let rhs = c.rhs;
      const terms: [number, number][] = [];
      for (const [i, a] of c.terms) {
        const v = fixed.get(i);
        if (v !== undefined) rhs -= a * v;
        else if (a !== 0) terms.push([i, a]);
      }
      if (terms.length === 0) continue; // the truth satisfies every fact, so this one holds
      if (terms.length > 1) { next.push({ terms, op: c.op, rhs }); continue; }
      const [i, a] = terms[0]!;
      const bound = rhs / a;
      const op = a > 0 ? c.op : c.op === '<=' ? '>=' : c.op === '>=' ? '<=' : '=';
      if (op !== '>=') hi[i] = Math.min(hi[i]!, Math.floor(bound + 1e-9));
      if (op !== '<=') lo[i] = Math.max(lo[i]!, Math.ceil(bound - 1e-9));
      if (lo[i] === hi[i]) { fixed.set(i, lo[i]!); changed = true; }
    }
    pending = next;
  }
  // Connected parts of the free cells (union-find over the remaining facts).
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const c of pending) for (const [i] of c.terms.slice(1)) parent[find(i)] = find(c.terms[0]![0]);
  const component = Array.from({ length: n }, (_, i) => (fixed.has(i) ? -1 : find(i)));
  return { fixed, lo, hi, rest: pending, component, parts: new Map() };
}

/**
 * Bound propagation: each fact, with the other cells at their bounds, bounds each of its cells (rounded to
 * integers); repeated until nothing changes. Tightens lo/hi in place; false when some cell's bounds cross,
 * i.e. the facts have no integer solution. Only sound deductions: a true answer proves nothing.
 */
function propagate(constraints: readonly Constraint[], lo: number[], hi: number[]): boolean {
  for (let round = 0; round < 50; round++) {
    let changed = false;
    for (const c of constraints) {
      let minAct = 0, maxAct = 0, minInf = 0, maxInf = 0;
      for (const [i, a] of c.terms) {
        if (a > 0) { minAct += a * lo[i]!; if (hi[i] === Infinity) maxInf++; else maxAct += a * hi[i]!; }
        else { if (hi[i] === Infinity) minInf++; else minAct += a * hi[i]!; maxAct += a * lo[i]!; }
      }
      if (c.op !== '>=') {
        // Σ ≤ rhs
        if (minInf === 0 && minAct > c.rhs) return false;
        if (minInf === 0) {
          for (const [i, a] of c.terms) {
            const slack = c.rhs - minAct;
            if (a > 0) { const b = Math.floor(lo[i]! + slack / a + 1e-9); if (b < hi[i]!) { hi[i] = b; changed = true; } }
            else if (hi[i] !== Infinity) { const b = Math.ceil(hi[i]! + slack / a - 1e-9); if (b > lo[i]!) { lo[i] = b; changed = true; } }
          }
        }
      }
      if (c.op !== '<=') {
        // Σ ≥ rhs
        if (maxInf === 0 && maxAct < c.rhs) return false;
        if (maxInf === 0) {
          for (const [i, a] of c.terms) {
            const slack = c.rhs - maxAct; // ≤ 0
            if (a > 0) { const b = Math.ceil(hi[i]! + slack / a - 1e-9); if (b > lo[i]!) { lo[i] = b; changed = true; } }
            else { const b = Math.floor(lo[i]! + slack / a + 1e-9); if (b < hi[i]!) { hi[i] = b; changed = true; } }
          }
        }
      }
      for (const [i] of c.terms) if (lo[i]! > hi[i]!) return false;
    }
    if (!changed) return true;
  }
  return true;
}
