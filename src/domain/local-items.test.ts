import { describe, expect, it } from 'vitest';
import { validateAnswers } from './answers.js';
import { pruneHidden } from './conditions.js';
import { answerableItems, validateInstrument } from './instrument.js';
import { LOCAL_SECTION_ID, localItemIds, withLocalItems } from './local-items.js';
import { scoreResponse } from './scoring.js';
import { buildInstrument, fixtureInstrument, text } from './test-instrument.js';

const NS = '0b1f9a4e-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const gerica = { key: 'gerica', name: text('Gerica') };
const alarm = { key: 'alarm_app', name: text('Alarmappen') };

/** Sections: background, technologies (a use item), training. */
function withTechnologies() {
  const options = ['never', 'sometimes', 'weekly', 'daily'].map((value) => ({ value, label: text(value) }));
  return buildInstrument({
    sections: [
      { id: 'background', title: text('Background'), items: [{ id: 't:q', type: 'text', text: text('Q') }] },
      { id: 'tech', title: text('Technologies'), items: [{ id: 'dk:use_alarm', type: 'single', text: text('Alarm'), options }] },
      { id: 'training', title: text('Training'), items: [{ id: 't:train', type: 'text', text: text('Training') }] },
    ],
  });
}

describe('withLocalItems', () => {
  it('returns the base instrument itself when there are no local items', () => {
    const base = fixtureInstrument();
    expect(withLocalItems(base, NS, [])).toBe(base);
  });

  it('adds one section after the technologies, with namespaced ids, and leaves the base untouched', () => {
    const base = withTechnologies();
    const before = structuredClone(base);
    const merged = withLocalItems(base, NS, [gerica, alarm]);
    expect(merged.sections.map((s) => s.id)).toEqual(['background', 'tech', LOCAL_SECTION_ID, 'training']);
    expect(base).toEqual(before);
    expect(validateInstrument(merged)).toEqual([]);
    const local = answerableItems(merged).filter((a) => a.sectionId === LOCAL_SECTION_ID);
    expect(local.map((a) => `${a.id}:${a.kind}`)).toEqual([
      `local:${NS}:use_gerica:single`,
      `local:${NS}:use_alarm_app:single`,
      `local:${NS}:conf_gerica:likert`,
      `local:${NS}:conf_alarm_app:likert`,
    ]);
    const use = local[0]!.item;
    expect(use.type === 'single' && use.options.map((o) => o.value)).toEqual(['never', 'sometimes', 'weekly', 'daily']);
    expect(local[2]!.scale?.points.map((p) => p.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('goes last when the instrument asks about no technologies', () => {
    const merged = withLocalItems(fixtureInstrument(), NS, [gerica]);
    expect(merged.sections.map((s) => s.id)).toEqual(['first', 'second', 'third', LOCAL_SECTION_ID]);
    expect(validateInstrument(merged)).toEqual([]);
  });

  it('asks about confidence only for a system in use; a hidden answer is pruned and local answers never score', () => {
    const merged = withLocalItems(withTechnologies(), NS, [gerica, alarm]);
    const g = localItemIds(NS, 'gerica');
    const a = localItemIds(NS, 'alarm_app');
    const answers = { [g.use]: 'daily', [g.confidence]: 4, [a.use]: 'never', [a.confidence]: 2 };
    const kept = pruneHidden(merged, answers);
    expect(kept).toEqual({ [g.use]: 'daily', [g.confidence]: 4, [a.use]: 'never' });
    expect(validateAnswers(merged, kept)).toEqual([]);
    expect(validateAnswers(merged, { [g.use]: 'hourly' })).toEqual([{ path: g.use, code: 'not_an_option', params: { value: 'hourly' } }]);
    expect(scoreResponse(merged, kept)).toEqual(scoreResponse(withTechnologies(), {}));
  });
});
