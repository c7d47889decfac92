/**
 * Test factories for instruments: `text('…')` makes a LocalizedText, `buildInstrument()` a parsed
 * instrument (schema defaults applied, not structurally validated so tests can build broken ones),
 * and `fixtureInstrument()` a small instrument exercising every item type, conditions and scales.
 */
import { Instrument, type InstrumentInput, type LocalizedText } from '../contracts/instrument.js';

export const text = (s: string): LocalizedText => ({ nb: s, nn: s, en: s });

export function buildInstrument(overrides: Partial<InstrumentInput> = {}): Instrument {
  return Instrument.parse({
    id: 'test',
    version: '1.0.0',
    title: text('Test'),
    likertScales: [
      {
        id: 'a5',
        points: [1, 2, 3, 4, 5].map((value) => ({ value, label: text(`a${value}`) })),
        notApplicable: text('not relevant'),
      },
      { id: 'b4', points: [0, 1, 2, 3].map((value) => ({ value, label: text(`b${value}`) })) },
    ],
    sections: [{ id: 's', title: text('S'), items: [{ id: 't:q', type: 'text', text: text('Q') }] }],
    ...overrides,
  });
}

/**
 * Sections: `first` (unit, single, multi with an exclusive "none", number), `second` (a grid with a
 * row shown only when t:single is "a"; a b4 Likert item shown when t:multi includes "x"), `third`
 * (shown when t:num > 3: a Likert item, a grid row shown when it is ≥ 3, a text shown when t:r1 is
 * answered). Scales: `sc1` mixes a5 and b4 items with a reverse-keyed row; `sc2` chains inside itself.
 */
export function fixtureInstrument(): Instrument {
  return buildInstrument({
    sections: [
      {
        id: 'first',
        title: text('First'),
        items: [
          { id: 't:unit', type: 'unit', text: text('Unit') },
          {
            id: 't:single',
            type: 'single',
            text: text('Single'),
            options: ['a', 'b', 'c'].map((value) => ({ value, label: text(value) })),
          },
          {
            id: 't:multi',
            type: 'multi',
            text: text('Multi'),
            maxSelected: 2,
            options: [
              { value: 'x', label: text('x') },
              { value: 'y', label: text('y') },
              { value: 'z', label: text('z') },
              { value: 'none', label: text('none'), exclusive: true },
            ],
          },
          { id: 't:num', type: 'number', text: text('Number'), min: 0, max: 10 },
        ],
      },
      {
        id: 'second',
        title: text('Second'),
        items: [
          {
            id: 't:grid',
            type: 'grid',
            scale: 'a5',
            text: text('Grid'),
            rows: [
              { id: 't:r1', text: text('r1') },
              { id: 't:r2', text: text('r2') },
              { id: 't:r3', text: text('r3'), showIf: { item: 't:single', op: 'eq', value: 'a' } },
            ],
          },
          { id: 't:l1', type: 'likert', scale: 'b4', text: text('l1'), showIf: { item: 't:multi', op: 'includes', value: 'x' } },
        ],
      },
      {
        id: 'third',
        title: text('Third'),
        showIf: { item: 't:num', op: 'gt', value: 3 },
        items: [
          { id: 't:l2', type: 'likert', scale: 'a5', text: text('l2') },
          {
            id: 't:grid2',
            type: 'grid',
            scale: 'a5',
            text: text('Grid 2'),
            rows: [{ id: 't:r5', text: text('r5'), showIf: { item: 't:l2', op: 'gte', value: 3 } }],
          },
          { id: 't:txt', type: 'text', text: text('Text'), maxLength: 10, showIf: { item: 't:r1', op: 'answered' } },
        ],
      },
    ],
    scales: [
      {
        id: 'sc1',
        label: text('Scale 1'),
        kind: 'area',
        items: [{ item: 't:r1' }, { item: 't:r2', reverse: true }, { item: 't:r3' }, { item: 't:l1' }],
      },
      { id: 'sc2', label: text('Scale 2'), kind: 'trust', items: [{ item: 't:l2' }, { item: 't:r5', reverse: true }], minAnsweredShare: 0.5 },
    ],
  });
}
