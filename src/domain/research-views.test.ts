// The research views' assembly: item matrices, background variables, the sample table and change by group.
// The statistics themselves are checked against R in statistics/; here: that the right values reach them.
import { describe, expect, it } from 'vitest';
import type { Answers } from '../contracts/instrument.js';
import {
  backgroundVariables,
  changeByGroup,
  describeSample,
  pairedChange,
  professionItem,
  scaleItemMatrix,
  scalePsychometrics,
  summarizeWave,
  unpairedChange,
  type SampleInput,
} from './research-views.js';
import { cronbachAlpha, pairedTTest, qt, welchTTest } from './statistics.js';
import { buildInstrument, text } from './test-instrument.js';

const instrument = buildInstrument({
  sections: [
    {
      id: 'about',
      title: text('About'),
      items: [
        { id: 't:unit', type: 'unit', text: text('Unit') },
        { id: 't:profession', type: 'single', text: text('Profession'), options: ['nurse', 'other'].map((value) => ({ value, label: text(value) })) },
        { id: 't:years', type: 'number', text: text('Years'), min: 0, max: 50, unit: text('years') },
        { id: 't:note', type: 'text', text: text('Note') },
      ],
    },
    {
      id: 'skills',
      title: text('Skills'),
      items: [
        { id: 't:grid', type: 'grid', scale: 'a5', text: text('Grid'), rows: [{ id: 't:q1', text: text('q1') }, { id: 't:q2', text: text('q2') }, { id: 't:q3', text: text('q3') }] },
        { id: 't:hours', type: 'number', text: text('Hours'), min: 0, max: 100 },
        { id: 't:band', type: 'single', text: text('Band'), options: [{ value: 'a', label: text('a') }, { value: 'b', label: text('b') }] },
      ],
    },
  ],
  scales: [{ id: 'sk', label: text('Skills'), kind: 'area', items: [{ item: 't:q1' }, { item: 't:q2' }, { item: 't:q3', reverse: true }] }],
});
const scale = instrument.scales[0]!;

describe('scale item matrix', () => {
  it('keeps Likert values, turns reverse-keyed items round and makes "na", gaps and off-scale values missing', () => {
    const answers: Answers[] = [
      { 't:q1': 4, 't:q2': 'na', 't:q3': 1 },
      { 't:q1': 7, 't:q3': 5 },
      {},
    ];
    expect(scaleItemMatrix(instrument, scale, answers)).toEqual([
      [4, null, 5],
      [null, null, 1],
      [null, null, null],
    ]);
  });

  it('feeds the matrix and the stored scores to the statistics, both missing-data handlings', () => {
    const answers: Answers[] = [1, 2, 3, 4, 5, 2, 4].map((v, i) => ({ 't:q1': v, 't:q2': i === 3 ? 'na' : Math.min(5, v + (i % 2)), 't:q3': 6 - v }));
    const rows = answers.map((a, i) => ({ answers: a, score: i === 6 ? null : 10 * i }));
    const view = scalePsychometrics(instrument, scale, rows);
    const matrix = scaleItemMatrix(instrument, scale, answers);
    expect(view.reliability.map((r) => r.missing)).toEqual(['pairwise', 'complete']);
    expect(view.reliability[0]!.alpha).toBe(cronbachAlpha(matrix, 'pairwise')!.alpha);
    expect(view.reliability[1]!.alpha).toBe(cronbachAlpha(matrix, 'complete')!.alpha);
    expect(view.reliability[1]!.n).toBe(6);
    expect(view.score).toMatchObject({ n: 6, missing: 1, min: 0, max: 50, floorShare: 1 / 6, ceilingShare: 0 });
    expect(view.items.map((i) => [i.id, i.reverse, i.n, i.missing])).toEqual([['t:q1', false, 7, 0], ['t:q2', false, 6, 1], ['t:q3', true, 7, 0]]);
  });

  it('gives null, not NaN, where nothing can be computed', () => {
    const view = scalePsychometrics(instrument, scale, []);
    expect(view.score.mean).toBeNull();
    expect(view.reliability[0]).toMatchObject({ alpha: null, alphaCi: null, omegaTotal: null, n: 0 });
    expect(JSON.stringify(view)).not.toMatch(/NaN/);
  });
});

describe('background variables', () => {
  it('are the first section’s single and number items, then later number items; the profession item is found by its id', () => {
    expect(backgroundVariables(instrument).map((v) => [v.id, v.kind])).toEqual([['t:profession', 'categorical'], ['t:years', 'numeric'], ['t:hours', 'numeric']]);
    expect(backgroundVariables(instrument)[1]!.unit).toEqual(text('years'));
    expect(professionItem(instrument)?.id).toBe('t:profession');
  });
});

describe('sample description', () => {
  const variables = backgroundVariables(instrument);
  const rows: SampleInput[] = [
    { municipalityId: 'm1', group: 'nurse', answers: { 't:profession': 'nurse', 't:years': 4, 't:hours': 10 } },
    { municipalityId: 'm1', group: 'nurse', answers: { 't:profession': 'nurse', 't:years': 10 } },
    { municipalityId: 'm1', group: null, answers: { 't:years': 1 } },
    { municipalityId: 'm2', group: 'other', answers: { 't:profession': 'other', 't:years': 30, 't:hours': 2 } },
  ];
  const groups = [{ value: 'nurse', label: text('Nurse') }, { value: 'other', label: text('Other') }];

  it('has the total, each municipality with respondents, and its groups with "not stated" last', () => {
    const table = describeSample(variables, rows, [{ id: 'm1', name: 'Gol' }, { id: 'm3', name: 'Empty' }, { id: 'm2', name: 'Hol' }], groups, 'mean_range');
    expect(table.map((r) => [r.kind, r.label?.nb ?? null, r.n])).toEqual([
      ['total', null, 4],
      ['municipality', 'Gol', 3],
      ['group', 'Nurse', 2],
      ['group', null, 1],
      ['municipality', 'Hol', 1],
      ['group', 'Other', 1],
    ]);
    expect(table[1]!.cells).toEqual([
      { kind: 'categorical', n: 2, missing: 1, counts: [{ value: 'nurse', n: 2, share: 1 }, { value: 'other', n: 0, share: 0 }] },
      { kind: 'numeric', n: 3, missing: 0, center: 5, low: 1, high: 10 },
      { kind: 'numeric', n: 1, missing: 2, center: 10, low: 10, high: 10 },
    ]);
  });

  it('gives median (P25–P75) on request, and null where nobody answered', () => {
    const table = describeSample(variables, rows, [{ id: 'm1', name: 'Gol' }], null, 'median_iqr');
    expect(table.map((r) => r.kind)).toEqual(['total', 'municipality']);
    expect(table[1]!.cells[1]).toEqual({ kind: 'numeric', n: 3, missing: 0, center: 4, low: 2.5, high: 7 });
    const none = describeSample(variables, [{ municipalityId: 'm1', group: null, answers: {} }], [], null, 'median_iqr');
    expect(none[0]!.cells[1]).toEqual({ kind: 'numeric', n: 0, missing: 1, center: null, low: null, high: null });
    expect(none[0]!.cells[0]).toMatchObject({ n: 0, counts: [{ value: 'nurse', n: 0, share: null }, { value: 'other', n: 0, share: null }] });
  });
});

describe('change by group', () => {
  const from = [
    ...[40, 50, 60, 55, 45, 65].map((score, i) => ({ personId: `a${i}`, score, group: 'g1' })),
    ...[30, 35, 40].map((score, i) => ({ personId: `b${i}`, score, group: 'g2' })),
    { personId: 'c0', score: 50, group: null },
  ];
  const to = [
    ...[48, 52, 70, 61, 45].map((score, i) => ({ personId: `a${i}`, score, group: 'g1' })),
    { personId: 'new', score: 58, group: 'g1' },
    ...[33, 41].map((score, i) => ({ personId: `b${i}`, score, group: 'g2' })),
  ];

  it('pairs persons, withholds groups below k and adds "not stated" when anyone is in it', () => {
    const groups = changeByGroup(from, to, ['g1', 'g2'], 5);
    expect(groups.map((g) => g.id)).toEqual(['g1', 'g2', null]);
    const g1 = groups[0]!;
    if (g1.paired.withheld || g1.unpaired.withheld) throw new Error('g1 withheld');
    expect(g1.paired.n).toBe(5);
    const x = [48, 52, 70, 61, 45];
    const y = [40, 50, 60, 55, 45];
    expect(g1.paired.t!.t).toBe(pairedTTest(x, y)!.t);
    expect(g1.unpaired.welch!.t).toBe(welchTTest([...x, 58], [...y, 65])!.t);
    expect(groups[1]!.paired).toEqual({ withheld: true, reason: 'below_k' });
    expect(groups[1]!.unpaired).toEqual({ withheld: true, reason: 'below_k' });
    expect(groups[2]!.unpaired).toEqual({ withheld: true, reason: 'below_k' });
  });

  it('withholds at k − 1 and shows at k, paired and unpaired alike', () => {
    const pairs = [[2, 1], [3, 1], [5, 2], [4, 4]] as const;
    expect(pairedChange(pairs, 5)).toEqual({ withheld: true, reason: 'below_k' });
    expect(pairedChange(pairs, 4).withheld).toBe(false);
    expect(unpairedChange([1, 2, 3], [1, 2], 3)).toEqual({ withheld: true, reason: 'below_k' });
    expect(unpairedChange([1, 2, 3], [1, 2, 4], 3).withheld).toBe(false);
  });

  it('summarises a wave with the t interval of its mean', () => {
    const s = summarizeWave([1, 2, 3, 4]);
    const half = qt(0.975, 3) * (Math.sqrt(5 / 3) / 2);
    expect(s.mean).toBe(2.5);
    expect(s.ci!.lower).toBeCloseTo(2.5 - half, 12);
    expect(summarizeWave([7]).ci).toBeNull();
  });
});
