import { readFileSync } from 'node:fs';
import { parseInstrumentText } from './src/domain/instrument.js';
import { scoreResponse } from './src/domain/scoring.js';
import { createRng } from './src/server/db/seed/random.js';
import { modelOf, syntheticAnswers } from './src/server/db/seed/synthetic.js';
for (const f of ['digikompass-demo-0.1.0.yaml', 'digikompass-1.0.0.yaml']) {
  const p = parseInstrumentText(readFileSync('instruments/' + f, 'utf8'), f);
  if (!p.ok) throw new Error('bad');
  const rng = createRng(1);
  const model = modelOf(p.instrument, rng.fork('m'));
  const sums: Record<string, number[]> = {};
  for (let i = 0; i < 1000; i++) {
    const a = syntheticAnswers(model, { theta: rng.normal(-0.1, 0.8), language: 'nb' }, rng);
    for (const [k, v] of Object.entries(scoreResponse(p.instrument, a))) if (v !== null) (sums[k] ??= []).push(v);
    if (i === 0) console.log(a);
  }
  for (const [k, v] of Object.entries(sums)) { const m = v.reduce((s, x) => s + x, 0) / v.length; const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length); console.log(f, k, v.length, m.toFixed(1), sd.toFixed(1)); }
  console.log(p.instrument.scales.map(s => [s.id, s.items.filter(i => i.reverse).map(i => i.item)]));
}
