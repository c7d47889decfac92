import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integerRange, satisfies, solveIlp, solveLp, type Constraint, type Program } from './ilp.js';

describe('solveLp', () => {
  it('solves a textbook programme', () => {
    // max 3x + 2y s.t. x + y ≤ 4, x + 3y ≤ 6, x ≤ 3 → x = 3, y = 1, value 11.
    const r = solveLp({ vars: 2, constraints: [{ terms: [[0, 1], [1, 1]], op: '<=', rhs: 4 }, { terms: [[0, 1], [1, 3]], op: '<=', rhs: 6 }], upper: [3, Infinity] }, [-3, -2]);
    expect(r.status).toBe('optimal');
    if (r.status === 'optimal') {
      expect(r.value).toBeCloseTo(-11);
      expect(r.x[0]).toBeCloseTo(3);
      expect(r.x[1]).toBeCloseTo(1);
    }
  });

  it('reports infeasible and unbounded programmes', () => {
    expect(solveLp({ vars: 1, constraints: [{ terms: [[0, 1]], op: '>=', rhs: 3 }, { terms: [[0, 1]], op: '<=', rhs: 2 }] }, [1]).status).toBe('infeasible');
    expect(solveLp({ vars: 1, constraints: [{ terms: [[0, 1]], op: '>=', rhs: 3 }] }, [-1]).status).toBe('unbounded');
  });

  it('copes with redundant equalities', () => {
    const r = solveLp({ vars: 2, constraints: [
      { terms: [[0, 1], [1, 1]], op: '=', rhs: 5 },
      { terms: [[0, 2], [1, 2]], op: '=', rhs: 10 },
      { terms: [[0, 1]], op: '>=', rhs: 1 },
    ] }, [0, 1]);
    expect(r.status).toBe('optimal');
    if (r.status === 'optimal') expect(r.value).toBeCloseTo(0);
  });
});

describe('solveIlp', () => {
  it('finds the integer optimum where the relaxation is fractional', () => {
    // 2x + 2y = 3 has no integer point; 2x + 2y = 4 with x ≤ 1.5 → x ≤ 1.
    expect(solveIlp({ vars: 2, constraints: [{ terms: [[0, 2], [1, 2]], op: '=', rhs: 3 }] }, []).status).toBe('infeasible');
    const r = solveIlp({ vars: 2, constraints: [{ terms: [[0, 2], [1, 2]], op: '=', rhs: 4 }, { terms: [[0, 2]], op: '<=', rhs: 3 }] }, [1], 'max');
    expect(r).toMatchObject({ status: 'optimal', value: 1 });
  });

  // Random small programmes: the range of a sum agrees with enumerating every point.
  const program = fc.record({
    vars: fc.integer({ min: 1, max: 4 }),
    upper: fc.integer({ min: 1, max: 4 }),
    cons: fc.array(fc.record({
      coef: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 4, maxLength: 4 }),
      op: fc.constantFrom<Constraint['op']>('<=', '>=', '='),
      rhs: fc.integer({ min: -3, max: 8 }),
    }), { maxLength: 4 }),
    target: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  });

  it('agrees with enumeration on random small programmes', () => {
    fc.assert(fc.property(program, ({ vars, upper, cons, target }) => {
      const p: Program = {
        vars,
        upper: Array.from({ length: vars }, () => upper),
        constraints: cons.map((c) => ({ terms: c.coef.slice(0, vars).map((a, i) => [i, a] as const).filter(([, a]) => a !== 0), op: c.op, rhs: c.rhs })),
      };
      const cells = target.slice(0, vars).flatMap((b, i) => (b ? [i] : []));
      let lo = Infinity;
      let hi = -Infinity;
      const x = new Array<number>(vars).fill(0);
      const visit = (i: number): void => {
        if (i === vars) {
          if (satisfies(p, x)) {
            const s = cells.reduce((acc, j) => acc + x[j]!, 0);
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
          }
          return;
        }
        for (let v = 0; v <= upper; v++) { x[i] = v; visit(i + 1); }
      };
      visit(0);
      const range = integerRange(p, cells);
      expect(range).toEqual(lo === Infinity ? null : [lo, hi]);
    }), { numRuns: 400 });
  });
});
