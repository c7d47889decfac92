/**
 * `npm run bench:statistics [-- --smoke]`: time of Cronbach's alpha and omega total over 200,000
 * respondents × 42 items (the size of a national survey), pairwise and complete-case, on synthetic
 * Likert data with one common factor and 3 % missing answers. `--smoke` (CI) uses 2,000 respondents.
 * Prints figures; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { cronbachAlpha, omegaTotal, type Maybe } from '../src/domain/statistics.js';

const smoke = process.argv.includes('--smoke');
const respondents = smoke ? 2_000 : 200_000;
const items = 42;

/** mulberry32: a small seeded generator, so every run times the same data. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function likertData(n: number, k: number): Maybe[][] {
  const next = random(20250607);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const loadings = Array.from({ length: k }, (_, j) => 0.45 + 0.4 * ((j * 7) % k) / k);
  return Array.from({ length: n }, () => {
    const trait = normal();
    return loadings.map((l) => {
      if (next() < 0.03) return null;
      const y = l * trait + Math.sqrt(1 - l * l) * normal();
      return y < -1.5 ? 1 : y < -0.5 ? 2 : y < 0.5 ? 3 : y < 1.5 ? 4 : 5;
    });
  });
}

function time<T>(label: string, run: () => T, describe: (result: T) => string): void {
  const start = performance.now();
  const result = run();
  const ms = performance.now() - start;
  console.log(`  ${label.padEnd(22)} ${(ms / 1000).toFixed(2).padStart(7)} s   ${describe(result)}`);
}

console.log(`Digikompass statistics benchmark${smoke ? ' (smoke size)' : ''}: ${respondents.toLocaleString('en')} respondents × ${items} items`);
const build = performance.now();
const data = likertData(respondents, items);
console.log(`  ${'data generated'.padEnd(22)} ${((performance.now() - build) / 1000).toFixed(2).padStart(7)} s`);
for (const missing of ['pairwise', 'complete'] as const) {
  time(`alpha (${missing})`, () => cronbachAlpha(data, missing), (a) => (a ? `alpha ${a.alpha.toFixed(4)} [${a.ci.lower.toFixed(4)}, ${a.ci.upper.toFixed(4)}], n ${a.n}` : 'not computable'));
  time(`omega (${missing})`, () => omegaTotal(data, missing), (o) => (o ? `omega ${o.omegaTotal.toFixed(4)}, ${o.iterations} iterations, n ${o.n}` : 'not computable'));
}
