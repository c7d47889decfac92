/**
 * Time as a dependency: services ask a Clock, so tests can pin "now" (a wave open or closed) and the
 * demo seed can place its waves relative to the same instant.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests. */
export interface FixedClock extends Clock {
  set(date: Date | string): void;
  advance(ms: number): void;
}

export function fixedClock(start: Date | string): FixedClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (date) => {
      current = new Date(date);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** The calendar day in Norway (YYYY-MM-DD) of an instant: what a response stores instead of a time. */
const osloDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

export function osloDate(at: Date): string {
  // Making a DateTimeFormat costs about a millisecond: one, made once.
  return osloDay.format(at);
}
