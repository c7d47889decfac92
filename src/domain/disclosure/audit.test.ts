// The auditor's shortcuts (known solutions, presolve, bound propagation, shifted bounds, the parts it keeps
// between questions) must give exactly the answer of asking every integer point: checked against enumeration.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Auditor, type Sensitive } from './audit.js';
import { satisfies, type Constraint, type Program } from './ilp.js';

const UPPER = 4;

/** Facts the truth meets: an equality, or an inequality with some slack (as the figures of a block). */
const facts = (vars: number) =>
  fc.record({
    truth: fc.array(fc.integer({ min: 0, max: UPPER }), { minLength: vars, maxLength: vars }),
    cons: fc.array(
      fc.record({
        coef: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: vars, maxLength: vars }),
        op: fc.constantFrom<Constraint['op']>('<=', '>=', '='),
        slack: fc.integer({ min: 0, max: 3 }),
      }),
      { maxLength: 5 },
    ),
    questions: fc.array(
      fc.record({
        kind: fc.constantFrom<Sensitive['kind']>('small', 'nonzero', 'unanimous'),
        cells: fc.array(fc.boolean(), { minLength: vars, maxLength: vars }),
        answer: fc.array(fc.boolean(), { minLength: vars, maxLength: vars }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    k: fc.integer({ min: 2, max: 4 }),
    drop: fc.nat(),
  });

function constraintsOf(truth: readonly number[], cons: { coef: number[]; op: Constraint['op']; slack: number }[]): Constraint[] {
  const out: Constraint[] = truth.map((_, i) => ({ terms: [[i, 1]], op: '<=', rhs: UPPER }));
  for (const c of cons) {
    const terms = c.coef.map((a, i) => [i, a] as const).filter(([, a]) => a !== 0);
    if (terms.length === 0) continue;
    const value = terms.reduce((s, [i, a]) => s + a * truth[i]!, 0);
    out.push({ terms, op: c.op, rhs: c.op === '=' ? value : c.op === '<=' ? value + c.slack : value - c.slack });
  }
  return out;
}

/** True when some integer point of the facts makes q's finding false (what isSafe() decides). */
function safeByEnumeration(p: Program, q: Sensitive, k: number): boolean {
  const sum = (x: number[], cells: readonly number[]) => cells.reduce((s, i) => s + x[i]!, 0);
  const x = new Array<number>(p.vars).fill(0);
  const visit = (i: number): boolean => {
    if (i === p.vars) {
      if (!satisfies(p, x)) return false;
      if (q.kind === 'small') return sum(x, q.cells) === 0 || sum(x, q.cells) >= k;
      if (q.kind === 'nonzero') return sum(x, q.cells) >= 1;
      return sum(x, q.group) === 0 || sum(x, q.group) - sum(x, q.answer) >= 1;
    }
    for (let v = 0; v <= UPPER; v++) {
      x[i] = v;
      if (visit(i + 1)) return true;
    }
    return false;
  };
  return visit(0);
}

describe('Auditor', () => {
  it('answers every question as enumerating the integer points does, also after facts are dropped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((vars) => facts(vars).map((f) => ({ vars, ...f }))), ({ vars, truth, cons, questions, k, drop }) => {
        let constraints = constraintsOf(truth, cons);
        const auditor = new Auditor(k, truth, constraints);
        const qs: Sensitive[] = questions.map((q) => {
          const cells = q.cells.flatMap((b, i) => (b ? [i] : []));
          if (q.kind === 'unanimous') return { kind: 'unanimous', group: cells, answer: cells.filter((i) => q.answer[i]) };
          return { kind: q.kind, cells };
        });
        for (let round = 0; round < 2; round++) {
          for (const q of qs) expect(auditor.isSafe(q)).toBe(safeByEnumeration({ vars, constraints }, q, k));
          // Withholding a figure removes a fact: the same questions again, on fewer facts.
          if (constraints.length > vars) {
            constraints = constraints.filter((_, i) => i !== vars + (drop % (constraints.length - vars)));
            auditor.setConstraints(constraints);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
