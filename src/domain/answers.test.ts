import { describe, expect, it } from 'vitest';
import type { Answers } from '../contracts/instrument.js';
import { validateAnswers } from './answers.js';
import { fixtureInstrument } from './test-instrument.js';

const instrument = fixtureInstrument();
const issues = (answers: Answers) => validateAnswers(instrument, answers);

describe('validateAnswers', () => {
  it('accepts well-formed answers to shown items, and no answers at all', () => {
    expect(issues({})).toEqual([]);
    expect(issues({ 't:single': 'a', 't:multi': ['x', 'y'], 't:num': 7, 't:r1': 'na', 't:r2': 5, 't:r3': 1, 't:l1': 0, 't:l2': 3, 't:r5': 3, 't:txt': 'short' })).toEqual([]);
    expect(issues({ 't:multi': ['none'], 't:txt': '' })).toEqual([]);
  });

  it('reports unknown ids, hidden items and the unit item', () => {
    expect(issues({ 't:nope': 1 })).toEqual([{ path: 't:nope', code: 'unknown_item' }]);
    expect(issues({ 't:single': 'b', 't:r3': 2 })).toEqual([{ path: 't:r3', code: 'hidden' }]);
    expect(issues({ 't:unit': 'x' })).toEqual([{ path: 't:unit', code: 'wrong_type', params: { expected: 'unit' } }]);
  });

  it('checks single and multiple choice', () => {
    expect(issues({ 't:single': 'q' })).toEqual([{ path: 't:single', code: 'not_an_option', params: { value: 'q' } }]);
    expect(issues({ 't:single': 1 })).toEqual([{ path: 't:single', code: 'wrong_type', params: { expected: 'string' } }]);
    expect(issues({ 't:multi': 'x' })).toEqual([{ path: 't:multi', code: 'wrong_type', params: { expected: 'array' } }]);
    expect(issues({ 't:multi': ['x', 'x'] })).toEqual([{ path: 't:multi', code: 'wrong_type', params: { expected: 'distinct' } }]);
    expect(issues({ 't:multi': ['x', 'w'] })).toEqual([{ path: 't:multi', code: 'not_an_option', params: { value: 'w' } }]);
    expect(issues({ 't:multi': ['x', 'y', 'z'] })).toEqual([{ path: 't:multi', code: 'too_many', params: { max: 2 } }]);
    expect(issues({ 't:multi': ['x', 'none'] })).toEqual([{ path: 't:multi', code: 'exclusive', params: { value: 'none' } }]);
  });

  it('checks Likert answers against the points of their scale', () => {
    expect(issues({ 't:r1': 6 })).toEqual([{ path: 't:r1', code: 'not_an_option', params: { value: 6 } }]);
    expect(issues({ 't:r1': 'yes' })).toEqual([{ path: 't:r1', code: 'wrong_type', params: { expected: 'number' } }]);
    // b4 has no "not relevant" answer
    expect(issues({ 't:multi': ['x'], 't:l1': 'na' })).toEqual([{ path: 't:l1', code: 'not_an_option', params: { value: 'na' } }]);
  });

  it('checks numbers and texts', () => {
    expect(issues({ 't:num': 11 })).toEqual([{ path: 't:num', code: 'out_of_range', params: { min: 0, max: 10 } }]);
    expect(issues({ 't:num': -1 })).toEqual([{ path: 't:num', code: 'out_of_range', params: { min: 0, max: 10 } }]);
    expect(issues({ 't:num': 2.5 })).toEqual([{ path: 't:num', code: 'not_integer' }]);
    expect(issues({ 't:num': '2' })).toEqual([{ path: 't:num', code: 'wrong_type', params: { expected: 'number' } }]);
    expect(issues({ 't:num': 4, 't:r1': 1, 't:txt': 'x'.repeat(11) })).toEqual([{ path: 't:txt', code: 'too_long', params: { max: 10 } }]);
  });

  it('lists items in document order, then unknown ids', () => {
    expect(issues({ 't:zzz': 1, 't:num': 99, 't:single': 'q' }).map((i) => i.path)).toEqual(['t:single', 't:num', 't:zzz']);
  });
});
