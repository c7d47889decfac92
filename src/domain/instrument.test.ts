import { describe, expect, it } from 'vitest';
import type { Condition, InstrumentInput } from '../contracts/instrument.js';
import { answerableItems, estimateMinutes, formatPath, parseInstrument } from './instrument.js';
import { parseInstrumentText } from './instrument-text.js';
import { buildInstrument, fixtureInstrument, text } from './test-instrument.js';

/** A copy of the fixture's raw input, for breaking one thing at a time. */
function input(): InstrumentInput {
  return structuredClone(fixtureInstrument()) as InstrumentInput;
}
const messages = (data: unknown) => {
  const r = parseInstrument(data);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};
/** The fixture with one more section holding `items`, appended at the end. */
function withSection(items: unknown[], showIf?: Condition): InstrumentInput {
  const i = input();
  i.sections.push({ id: 'extra', title: text('Extra'), items: items as InstrumentInput['sections'][number]['items'], ...(showIf ? { showIf } : {}) });
  return i;
}
const cond = (c: Condition) => withSection([{ id: 't:extra', type: 'text', text: text('x'), showIf: c }]);

describe('parseInstrument', () => {
  it('accepts the fixture', () => {
    expect(parseInstrument(input()).ok).toBe(true);
  });

  it('reports schema errors with readable paths', () => {
    const i = input() as unknown as { sections: { items: Record<string, unknown>[] }[] };
    i.sections[0]!.items[1]!.type = 'dropdown';
    delete (i as unknown as Record<string, unknown>).title;
    const m = messages(i);
    expect(m.some((x) => x.startsWith('title:'))).toBe(true);
    expect(m.some((x) => x.startsWith('sections[first].items[t:single].type:'))).toBe(true);
  });

  it('parses YAML and JSON text and reports syntax errors', () => {
    const json = JSON.stringify(input());
    expect(parseInstrumentText(json, 'x.json').ok).toBe(true);
    expect(parseInstrumentText(json, 'x.yaml').ok).toBe(true); // JSON is YAML
    const dup = parseInstrumentText('id: a\nid: b\n', 'x.yaml');
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.errors[0]!.path).toBe('(file)');
    expect(parseInstrumentText('{', 'x.json').ok).toBe(false);
  });

  it('formats paths by id where there is one', () => {
    expect(formatPath(['sections', 0, 'items', 5, 'text'], { sections: [{ id: 's', items: [] }] })).toBe('sections[s].items[5].text');
  });
});

describe('validateInstrument', () => {
  it('finds duplicate ids of items, grid rows, sections, Likert scales, scales and options', () => {
    const i = input();
    i.sections[1]!.id = 'first';
    const grid = i.sections[1]!.items[0]! as { rows: { id: string }[] };
    grid.rows[1]!.id = 't:single';
    i.likertScales.push({ ...i.likertScales[0]! });
    i.scales!.push({ ...i.scales![0]! });
    const single = i.sections[0]!.items[1]! as { options: { value: string }[] };
    single.options[2]!.value = 'a';
    expect(messages(i)).toEqual([
      'likertScales[a5].id: duplicate Likert scale id "a5"',
      'sections[first].items[t:single].options[a].value: duplicate option value "a"',
      'sections[first].id: duplicate section id "first"',
      'sections[first].items[t:grid].rows[t:single].id: duplicate item id "t:single"',
      'scales[sc1].items[1].item: unknown item "t:r2"', // knock-on of the renamed row
      'scales[sc1].id: duplicate scale id "sc1"',
      'scales[sc1].items[1].item: unknown item "t:r2"',
    ]);
  });

  it('requires conditions to refer to earlier items only', () => {
    const i = input();
    i.sections[0]!.items[1]!.showIf = { item: 't:num', op: 'gt', value: 1 }; // forward
    i.sections[0]!.items[2]!.showIf = { item: 't:multi', op: 'answered' }; // itself
    i.sections[1]!.showIf = { not: { item: 't:r1', op: 'answered' } }; // its own row
    expect(messages(i)).toEqual([
      'sections[first].items[t:single].showIf.item: "t:num" must come before the item this condition belongs to',
      'sections[first].items[t:multi].showIf.item: "t:multi" must come before the item this condition belongs to',
      'sections[second].showIf.not.item: "t:r1" must come before the item this condition belongs to',
    ]);
    expect(messages(cond({ item: 't:missing', op: 'answered' }))).toEqual(['sections[extra].items[t:extra].showIf.item: unknown item "t:missing"']);
    expect(messages(cond({ item: 't:grid', op: 'answered' }))).toEqual(['sections[extra].items[t:extra].showIf.item: "t:grid" is a grid; refer to one of its rows']);
  });

  it('allows a grid row to depend on an earlier row of the same grid', () => {
    const i = input();
    const grid = i.sections[1]!.items[0]! as { rows: { showIf?: Condition }[] };
    grid.rows[1]!.showIf = { item: 't:r1', op: 'gte', value: 2 };
    expect(messages(i)).toEqual([]);
    grid.rows[0]!.showIf = { item: 't:r2', op: 'gte', value: 2 };
    expect(messages(i)).toHaveLength(1);
  });

  it('requires operators that fit the item type', () => {
    const at = 'sections[extra].items[t:extra].showIf';
    expect(messages(cond({ item: 't:single', op: 'gt', value: 1 }))).toEqual([`${at}.op: "gt" does not fit a single item; use one of eq, ne, in, notIn, answered, unanswered`]);
    expect(messages(cond({ item: 't:single', op: 'countGte', value: 1 }))).toHaveLength(1);
    expect(messages(cond({ item: 't:multi', op: 'eq', value: 'x' }))).toHaveLength(1);
    expect(messages(cond({ item: 't:num', op: 'includes', value: 'x' }))).toHaveLength(1);
    expect(messages(cond({ item: 't:r1', op: 'countEq', value: 1 }))).toHaveLength(1);
    expect(messages(cond({ item: 't:unit', op: 'answered' }))).toEqual([`${at}.op: "t:unit" is a unit item, which conditions cannot refer to`]);
    expect(messages(cond({ all: [{ item: 't:num', op: 'lte', value: 3 }, { item: 't:r1', op: 'gt', value: 2 }, { item: 't:multi', op: 'countLte', value: 1 }] }))).toEqual([]);
  });

  it('requires values that are options or scale points', () => {
    const at = 'sections[extra].items[t:extra].showIf';
    expect(messages(cond({ item: 't:single', op: 'eq', value: 'q' }))).toEqual([`${at}.value: "q" is not an option value of "t:single"`]);
    expect(messages(cond({ item: 't:single', op: 'in', values: ['a', 'q'] }))).toEqual([`${at}.values[1]: "q" is not an option value of "t:single"`]);
    expect(messages(cond({ item: 't:multi', op: 'includes', value: 'q' }))).toHaveLength(1);
    expect(messages(cond({ item: 't:r1', op: 'eq', value: 7 }))).toEqual([`${at}.value: 7 is not a point of scale "a5" of "t:r1"`]);
    expect(messages(cond({ item: 't:r1', op: 'eq', value: 'na' }))).toEqual([]);
    expect(messages(cond({ item: 't:l1', op: 'eq', value: 'na' }))).toHaveLength(1); // b4 has no "na"
    expect(messages(cond({ item: 't:num', op: 'eq', value: 'a' }))).toEqual([`${at}.value: "t:num" is a number item: compare with a number`]);
    expect(messages(cond({ item: 't:multi', op: 'countGte', value: 3 }))).toEqual([`${at}.value: "t:multi" allows at most 2 selected options`]);
  });

  it('checks Likert scale references and scale items', () => {
    const i = input();
    (i.sections[1]!.items[1]! as { scale: string }).scale = 'nope';
    i.scales![0]!.items.push({ item: 't:single' }, { item: 't:grid' }, { item: 't:gone' }, { item: 't:r1' });
    expect(messages(i)).toEqual([
      'sections[second].items[t:l1].scale: unknown Likert scale "nope"; define it in likertScales',
      'scales[sc1].items[4].item: "t:single" is a single item; a scale holds Likert items and grid rows only',
      'scales[sc1].items[5].item: "t:grid" is a grid; list its rows',
      'scales[sc1].items[6].item: unknown item "t:gone"',
      'scales[sc1].items[7].item: "t:r1" is already in this scale',
    ]);
  });

  it('checks levels, number ranges, Likert points, the unit item and choice options', () => {
    const i = input();
    i.levels = { cutPoints: [50, 40], labels: [text('a'), text('b')] };
    (i.sections[0]!.items[3]! as { min: number; max: number }).max = 0;
    i.likertScales[1]!.points[2]!.value = 0;
    i.sections[0]!.items.push({ id: 't:unit2', type: 'unit', text: text('u') });
    const multi = i.sections[0]!.items[2]! as { maxSelected?: number };
    multi.maxSelected = 9;
    const single = i.sections[0]!.items[1]! as { options: { exclusive?: boolean }[] };
    single.options[0]!.exclusive = true;
    expect(messages(i)).toEqual([
      'likertScales[b4].points[2].value: point values must be strictly ascending (worst first)',
      'sections[first].items[t:single].options[a].exclusive: "exclusive" only applies to multiple choice',
      'sections[first].items[t:multi].maxSelected: maxSelected (9) is more than the 4 options',
      'sections[first].items[t:num].max: max (0) must be greater than min (0)',
      'sections[first].items[t:unit2].type: an instrument has at most one unit item',
      'levels.labels: 2 cut points make 3 levels, but there are 2 labels',
      'levels.cutPoints[1]: cut points must be strictly ascending',
    ]);
  });

  it('wants one level description per level, when there are descriptions', () => {
    const i = input();
    i.levels = { cutPoints: [50], labels: [text('low'), text('high')], descriptions: [text('Low.'), text('High.')] };
    expect(messages(i)).toEqual([]);
    i.levels.descriptions = [text('Low.'), text('High.'), text('Higher.')];
    expect(messages(i)).toEqual(['levels.descriptions: there are 2 level labels but 3 descriptions; give one per level']);
  });
});

describe('answerableItems', () => {
  it('lists items and grid rows in document order with their conditions', () => {
    const list = answerableItems(fixtureInstrument());
    expect(list.map((a) => `${a.id}:${a.kind}`)).toEqual([
      't:unit:unit', 't:single:single', 't:multi:multi', 't:num:number',
      't:r1:likert', 't:r2:likert', 't:r3:likert', 't:l1:likert',
      't:l2:likert', 't:r5:likert', 't:txt:text',
    ]);
    const r5 = list.find((a) => a.id === 't:r5')!;
    expect(r5.sectionId).toBe('third');
    expect(r5.item.id).toBe('t:grid2');
    expect(r5.row?.id).toBe('t:r5');
    expect(r5.scale?.id).toBe('a5');
    expect(r5.showIf).toEqual([{ item: 't:num', op: 'gt', value: 3 }, { item: 't:l2', op: 'gte', value: 3 }]);
    expect(list.find((a) => a.id === 't:l1')!.scale?.id).toBe('b4');
    expect(list.find((a) => a.id === 't:single')!.showIf).toEqual([]);
  });
});

describe('estimateMinutes', () => {
  it('counts words at 200 a minute and 4 seconds an answer', () => {
    const i = buildInstrument({
      title: { nb: 'en to tre fire', nn: 'ein', en: 'one' },
      sections: [{ id: 's', title: text('x'), items: [{ id: 't:q', type: 'text', text: text('a b') }] }],
    });
    // nb: 4 + 1 + 2 = 7 words; 1 answer
    expect(estimateMinutes(i, 'nb')).toBeCloseTo(7 / 200 + 4 / 60, 12);
    expect(estimateMinutes(i, 'nn')).toBeCloseTo(4 / 200 + 4 / 60, 12);
  });
});
