/**
 * The live participation timeline as a line: the API gives running totals only for days with responses
 * (Participation.timeline) and the days the wave has run so far (Participation.period); the chart needs one
 * point per calendar day, so a day without responses keeps the day before's total.
 */
import type { Participation } from '../../../contracts/api.js';
import type { LinePoint } from '../../components/charts/index.js';

const DAY_MS = 86_400_000;

/** Every calendar day from `from` to `to`, both included (YYYY-MM-DD; none when `to` is before `from`). */
export function calendarDays(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return [];
  const days: string[] = [];
  // UTC midnight to UTC midnight: no daylight-saving day is skipped or counted twice.
  for (let at = start; at <= end; at += DAY_MS) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/**
 * Responses so far and the response rate (0–100) on every day of the period, for the municipality
 * (`unit` null) or one unit (its id; "none" for responses without a unit), against `staff`. The period
 * stretches to take in any day with responses outside it (e.g. imported ones). No points when there is no
 * staff count to divide by, or before the wave has opened.
 */
export function participationLine(participation: Pick<Participation, 'timeline' | 'period'>, staff: number, unit: string | null): LinePoint[] {
  if (staff <= 0) return [];
  const { timeline, period } = participation;
  if (period.to < period.from && timeline.length === 0) return [];
  const first = timeline[0]?.date;
  const last = timeline.at(-1)?.date;
  const from = first !== undefined && first < period.from ? first : period.from;
  const to = last !== undefined && last > period.to ? last : period.to;
  const totals = new Map(timeline.map((d) => [d.date, unit === null ? d.responses : (d.units[unit] ?? 0)]));
  let sofar = 0;
  return calendarDays(from, to).map((date) => {
    sofar = totals.get(date) ?? sofar;
    return { date, n: sofar, value: (100 * sofar) / staff };
  });
}
