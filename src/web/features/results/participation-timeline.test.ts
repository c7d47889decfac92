import { describe, expect, it } from 'vitest';
import type { Participation } from '../../../contracts/api.js';
import { calendarDays, participationLine } from './participation-timeline.js';

type Timeline = Participation['timeline'];

// Unit a answers on 3 March and 6 March, unit b on 6 March, one response without a unit on 7 March.
const timeline: Timeline = [
  { date: '2026-03-03', responses: 2, units: { a: 2 } },
  { date: '2026-03-06', responses: 5, units: { a: 3, b: 2 } },
  { date: '2026-03-07', responses: 6, units: { a: 3, b: 2, none: 1 } },
];

describe('calendarDays', () => {
  it('lists every day, both ends included, across a month end and the change to summer time', () => {
    expect(calendarDays('2026-03-28', '2026-04-01')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01']);
    expect(calendarDays('2026-10-24', '2026-10-26')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
  });

  it('gives one day for a one-day period and none for a backward one or a bad date', () => {
    expect(calendarDays('2026-03-01', '2026-03-01')).toEqual(['2026-03-01']);
    expect(calendarDays('2026-03-02', '2026-03-01')).toEqual([]);
    expect(calendarDays('not a date', '2026-03-01')).toEqual([]);
  });
});

describe('participationLine', () => {
  const period = { from: '2026-03-02', to: '2026-03-08' };

  it('has a point for every day of the period, days without responses keeping the total so far', () => {
    const line = participationLine({ timeline, period }, 20, null);
    expect(line.map((p) => [p.date, p.n])).toEqual([
      ['2026-03-02', 0],
      ['2026-03-03', 2],
      ['2026-03-04', 2],
      ['2026-03-05', 2],
      ['2026-03-06', 5],
      ['2026-03-07', 6],
      ['2026-03-08', 6],
    ]);
    expect(line.map((p) => p.value)).toEqual([0, 10, 10, 10, 25, 30, 30]);
  });

  it('follows one unit against that unit’s staff, zero before its first response', () => {
    expect(participationLine({ timeline, period }, 4, 'b').map((p) => [p.n, p.value])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [2, 50],
      [2, 50],
      [2, 50],
    ]);
    expect(participationLine({ timeline, period }, 6, 'a').at(-1)).toEqual({ date: '2026-03-08', n: 3, value: 50 });
  });

  it('stretches the period to days with responses outside it (imported before opening, or after today)', () => {
    const line = participationLine({ timeline, period: { from: '2026-03-04', to: '2026-03-05' } }, 10, null);
    expect(line.map((p) => p.date)).toEqual(['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07']);
    expect(line.map((p) => p.n)).toEqual([2, 2, 2, 5, 6]);
  });

  it('lets the rate pass 100 % when more answer than the staff count says', () => {
    expect(participationLine({ timeline, period }, 4, null).at(-1)?.value).toBe(150);
  });

  it('has no points without a staff count, or before the wave opens', () => {
    expect(participationLine({ timeline, period }, 0, null)).toEqual([]);
    expect(participationLine({ timeline: [], period: { from: '2026-03-10', to: '2026-03-09' } }, 20, null)).toEqual([]);
  });

  it('shows the opening day at 0 % when nobody has answered yet', () => {
    expect(participationLine({ timeline: [], period: { from: '2026-03-10', to: '2026-03-10' } }, 20, null)).toEqual([{ date: '2026-03-10', n: 0, value: 0 }]);
  });
});
