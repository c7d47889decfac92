/* eslint-disable no-restricted-imports, no-restricted-globals -- this test reads the fixtures and runs R; the code under test stays pure */
/**
 * Every statistic against R and psych on the fixed datasets in fixtures/. With Rscript (and psych) present,
 * reference.R is run into a temporary file and we compare with that fresh output — and check that the
 * committed reference.json still equals it. Without R we compare with reference.json, except under CI,
 * where R is required. Tolerances: 1e-6 for closed-form statistics, 1e-4 for omega (an iterative fit,
 * against psych's optimiser), and 1e-9 relative (1e-9 absolute below 1) for the distribution functions.
 * STATISTICS_REPORT=1 prints the largest difference per statistic.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cohensDz, cronbachAlpha, describeScale, hedgesG, lgamma, mannWhitney, omegaTotal, pairedTTest, pbeta, pf, pnorm,
  pt, ptNoncentral, qbeta, qf, qnorm, qt, welchTTest, wilcoxonSignedRank, type Maybe,
} from '../statistics.js';

const here = dirname(fileURLToPath(import.meta.url));
const committedPath = join(here, 'reference.json');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const CLOSED = 1e-6;
const ITERATIVE = 1e-4;

type Json = number | string | boolean | null | Json[] | { [key: string]: Json };
type Row = number[];
type Numbers = Record<string, number | null | (number | null)[]>;
interface Reference {
  distributions: Record<string, Row[]>;
  scales: Record<string, {
    range: { min: number; max: number };
    descriptives: Numbers;
    alpha: Record<'pairwise' | 'complete', Numbers>;
    omega: Record<'pairwise' | 'complete', Numbers>;
  }>;
  paired: Record<string, { n: number; t: Numbers; wilcoxon: Numbers; dz: Numbers }>;
  groups: Record<string, { welch: Numbers; mannWhitney: Numbers; hedgesG: Numbers }>;
}

function rWithPsych(): boolean {
  const probe = spawnSync('Rscript', ['-e', 'quit(status = if (requireNamespace("psych", quietly = TRUE)) 0 else 3)'], { encoding: 'utf8' });
  return probe.status === 0;
}

/** Runs reference.R into a temporary file and returns its output, or null when R with psych is not installed. */
function freshReference(): Json | null {
  if (!rWithPsych()) {
    if (ci) throw new Error('CI requires R with psych for the statistics reference (apt-get install r-base-core r-cran-psych).');
    console.log('ℹ R with psych not found: statistics compared with the committed reference.json (apt-get install r-base-core r-cran-psych to re-run R).');
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dk-stats-'));
  try {
    const out = join(dir, 'reference.json');
    const run = spawnSync('Rscript', [join(here, 'reference.R'), out], { encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(`reference.R failed (${run.status}):\n${run.stderr}`);
    return JSON.parse(readFileSync(out, 'utf8')) as Json;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const committed = JSON.parse(readFileSync(committedPath, 'utf8')) as Json;
const fresh = freshReference();
const reference = (fresh ?? committed) as unknown as Reference;

function readCsv(name: string): { header: string[]; rows: Maybe[][]; text: string[][] } {
  const lines = readFileSync(join(here, 'fixtures', name), 'utf8').trim().split('\n');
  const cells = lines.map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
  const header = cells[0]!;
  const body = cells.slice(1);
  return { header, text: body, rows: body.map((r) => r.map((c) => (c === '' ? null : Number(c)))) };
}

// The largest difference from R per statistic, for STATISTICS_REPORT.
const worst = new Map<string, number>();
afterAll(() => {
  if (!process.env.STATISTICS_REPORT) return;
  console.log(`max |ours − R| (${fresh ? 'fresh R run' : 'committed reference.json'}):`);
  for (const [name, diff] of worst) console.log(`  ${name.padEnd(34)} ${diff.toExponential(2)}`);
});

/** |actual − expected| ≤ tolerance; the report records the difference relative to max(1, |expected|) when `relative`. */
function close(name: string, actual: number | null | undefined, expected: number | null | undefined, tolerance: number, relative = false) {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, name).toBeNull();
    return;
  }
  expect(actual, name).toBeTypeOf('number');
  const diff = Math.abs(actual! - expected);
  const key = name.split(' ')[0]! + (relative ? ' (relative)' : '');
  worst.set(key, Math.max(worst.get(key) ?? 0, relative ? diff / Math.max(1, Math.abs(expected)) : diff));
  expect(diff, `${name}: ours ${actual}, R ${expected}`).toBeLessThanOrEqual(tolerance);
}

function closeArrays(name: string, actual: readonly (number | null)[], expected: unknown, tolerance: number) {
  const e = expected as (number | null)[];
  expect(actual.length, name).toBe(e.length);
  e.forEach((v, i) => close(`${name} [${i}]`, actual[i], v, tolerance));
}

// Only with R: without it (outside CI) there is nothing fresh to compare, as printed above.
if (fresh) {
  it('the committed reference.json equals the fresh output of reference.R', () => {
    const mismatches: string[] = [];
    const walk = (a: Json, b: Json, path: string) => {
      if (path === '.generatedBy') return; // R and psych versions may differ between machines
      if (typeof a === 'number' && typeof b === 'number') {
        const tolerance = path.includes('.omega.') ? ITERATIVE : CLOSED * Math.max(1, Math.abs(b));
        if (Math.abs(a - b) > tolerance) mismatches.push(`${path}: committed ${a}, fresh ${b}`);
      } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
        a.forEach((v, i) => walk(v, b[i]!, `${path}[${i}]`));
      } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        for (const k of keys) {
          if (!(k in a) || !(k in b)) mismatches.push(`${path}.${k}: only in ${k in a ? 'committed' : 'fresh'}`);
          else walk(a[k]!, b[k]!, `${path}.${k}`);
        }
      } else if (a !== b) mismatches.push(`${path}: committed ${JSON.stringify(a)}, fresh ${JSON.stringify(b)}`);
    };
    walk(committed, fresh, '');
    expect(mismatches, 'reference.json is stale: run `Rscript src/domain/statistics/reference.R`').toEqual([]);
  });
}

describe('distribution functions against R', () => {
  const functions: Record<string, (...args: number[]) => number> = {
    pnorm: (x) => pnorm(x),
    qnorm: (p) => qnorm(p),
    lgamma: (x) => lgamma(x),
    pbeta: (x, a, b) => pbeta(x, a, b),
    qbeta: (p, a, b) => qbeta(p, a, b),
    pt: (t, df) => pt(t, df),
    qt: (p, df) => qt(p, df),
    pf: (f, d1, d2) => pf(f, d1, d2),
    qf: (p, d1, d2) => qf(p, d1, d2),
    ptNoncentral: (t, df, ncp) => ptNoncentral(t, df, ncp),
  };
  it.each(Object.keys(functions))('%s', (name) => {
    const rows = reference.distributions[name]!;
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const args = row.slice(0, -1);
      const expected = row.at(-1)!;
      close(`${name} (${args.join(', ')})`, functions[name]!(...args), expected, 1e-9 * Math.max(1, Math.abs(expected)), true);
    }
  });
});

describe.each(Object.keys(reference.scales))('scale %s against R and psych', (scale) => {
  const ref = reference.scales[scale]!;
  const items = readCsv(`scale-${scale}.csv`).rows.map((r) => r.slice(1)); // drop the id column
  // The score the reference describes: the mean of the answered items (R's rowMeans(na.rm = TRUE)).
  const scores = items.map((r) => {
    const answered = r.filter((v): v is number => v !== null);
    return answered.length ? answered.reduce((s, v) => s + v, 0) / answered.length : null;
  });

  it('descriptives: n, mean, SD, median, quartiles (type 7), IQR, floor and ceiling, missing per item', () => {
    const d = describeScale(scores, items, ref.range);
    const e = ref.descriptives;
    for (const key of ['n', 'missing', 'mean', 'sd', 'median', 'q1', 'q3', 'iqr', 'min', 'max', 'floorShare', 'ceilingShare'] as const) {
      close(`descriptives.${key}`, d[key], e[key] as number, CLOSED);
    }
    expect(d.missingPerItem).toEqual(e.missingPerItem);
  });

  it.each(['pairwise', 'complete'] as const)('Cronbach alpha, Feldt CI, item-rest r and alpha if deleted (%s)', (missing) => {
    const a = cronbachAlpha(items, missing)!;
    const e = ref.alpha[missing];
    expect(a.n).toBe(e.n);
    expect(a.k).toBe(e.k);
    close(`alpha.alpha`, a.alpha, e.alpha as number, CLOSED);
    close(`alpha.feldt`, a.ci.lower, e.lower as number, CLOSED);
    close(`alpha.feldt`, a.ci.upper, e.upper as number, CLOSED);
    closeArrays('alpha.itemRestCorrelation', a.itemRestCorrelation, e.itemRestCorrelation, CLOSED);
    closeArrays('alpha.alphaIfDeleted', a.alphaIfDeleted, e.alphaIfDeleted, CLOSED);
  });

  it.each(['pairwise', 'complete'] as const)('omega total from one-factor ML (%s)', (missing) => {
    const o = omegaTotal(items, missing)!;
    const e = ref.omega[missing];
    expect(o.converged).toBe(true);
    expect(o.n).toBe(e.n);
    close('omega.total', o.omegaTotal, e.omegaTotal as number, ITERATIVE);
    closeArrays('omega.loadings', o.loadings, e.loadings, ITERATIVE);
    closeArrays('omega.uniquenesses', o.uniquenesses, e.uniquenesses, ITERATIVE);
  });
});

describe('change against R', () => {
  const paired = readCsv('paired.csv');
  const column = (csv: ReturnType<typeof readCsv>, name: string) => csv.rows.map((r) => r[csv.header.indexOf(name)]!);

  describe.each(Object.keys(reference.paired))('linked pairs, %s (T1 − T0)', (scale) => {
    const e = reference.paired[scale]!;
    const t1 = column(paired, `${scale}_t1`);
    const t0 = column(paired, `${scale}_t0`);

    it('paired t-test', () => {
      const t = pairedTTest(t1, t0)!;
      expect(t.n).toBe(e.n);
      close('paired.t.estimate', t.estimate, e.t.estimate as number, CLOSED);
      close('paired.t.stderr', t.stderr, e.t.stderr as number, CLOSED);
      close('paired.t.t', t.t, e.t.t as number, CLOSED);
      close('paired.t.df', t.df, e.t.df as number, CLOSED);
      close('paired.t.p', t.p, e.t.p as number, CLOSED);
      close('paired.t.ci', t.ci.lower, e.t.lower as number, CLOSED);
      close('paired.t.ci', t.ci.upper, e.t.upper as number, CLOSED);
    });

    it('Wilcoxon signed-rank, normal approximation with continuity correction, ties and zeros', () => {
      const w = wilcoxonSignedRank(t1, t0)!;
      expect(w.nNonZero).toBe(e.wilcoxon.nNonZero);
      close('paired.wilcoxon.V', w.statistic, e.wilcoxon.statistic as number, CLOSED);
      close('paired.wilcoxon.p', w.p, e.wilcoxon.p as number, CLOSED);
    });

    it("Cohen's d_z with the noncentral-t interval", () => {
      const d = cohensDz(t1, t0)!;
      close('paired.dz', d.estimate, e.dz.estimate as number, CLOSED);
      close('paired.dz.ci', d.ci.lower, e.dz.lower as number, CLOSED);
      close('paired.dz.ci', d.ci.upper, e.dz.upper as number, CLOSED);
    });
  });

  const groups = readCsv('groups.csv');
  const group = groups.text.map((r) => r[groups.header.indexOf('group')]);
  describe.each(Object.keys(reference.groups))('two groups, %s (home care − nursing home)', (scale) => {
    const e = reference.groups[scale]!;
    const values = column(groups, scale);
    const x = values.filter((_, i) => group[i] === 'home_care');
    const y = values.filter((_, i) => group[i] === 'nursing_home');

    it("Welch's t-test", () => {
      const t = welchTTest(x, y)!;
      close('groups.welch.estimate', t.estimate, e.welch.estimate as number, CLOSED);
      close('groups.welch.stderr', t.stderr, e.welch.stderr as number, CLOSED);
      close('groups.welch.t', t.t, e.welch.t as number, CLOSED);
      close('groups.welch.df', t.df, e.welch.df as number, CLOSED);
      close('groups.welch.p', t.p, e.welch.p as number, CLOSED);
      close('groups.welch.ci', t.ci.lower, e.welch.lower as number, CLOSED);
      close('groups.welch.ci', t.ci.upper, e.welch.upper as number, CLOSED);
    });

    it('Mann–Whitney, normal approximation with continuity correction and ties', () => {
      const m = mannWhitney(x, y)!;
      close('groups.mannWhitney.W', m.statistic, e.mannWhitney.statistic as number, CLOSED);
      close('groups.mannWhitney.p', m.p, e.mannWhitney.p as number, CLOSED);
    });

    it("Hedges' g with the noncentral-t interval", () => {
      const g = hedgesG(x, y)!;
      close('groups.hedgesG', g.estimate, e.hedgesG.estimate as number, CLOSED);
      close('groups.hedgesG.d', g.d, e.hedgesG.d as number, CLOSED);
      close('groups.hedgesG.j', g.j, e.hedgesG.j as number, CLOSED);
      close('groups.hedgesG.ci', g.ci.lower, e.hedgesG.lower as number, CLOSED);
      close('groups.hedgesG.ci', g.ci.upper, e.hedgesG.upper as number, CLOSED);
    });
  });
});
