import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActiveTimer, IDLE_GAP_MS, MAX_ACTIVE_SECONDS } from './activeTime.js';

const MIN = 60_000;

describe('ActiveTimer', () => {
  it('counts the time between signs of activity that are at most five minutes apart', () => {
    const t = new ActiveTimer();
    t.activity(0);
    t.activity(2 * MIN);
    t.activity(4 * MIN + 30_000);
    expect(t.seconds(4 * MIN + 30_000)).toBe(270);
  });

  it('leaves out a gap of more than five minutes entirely (a break), then counts on', () => {
    const t = new ActiveTimer();
    t.activity(0);
    t.activity(MIN);
    t.activity(MIN + IDLE_GAP_MS + 1); // back from a break
    t.activity(3 * MIN + IDLE_GAP_MS + 1);
    expect(t.seconds(3 * MIN + IDLE_GAP_MS + 1)).toBe(180);
  });

  it('does not count while the page is hidden, and counts the open stretch up to now only if short', () => {
    const t = new ActiveTimer();
    t.activity(0);
    t.pause(MIN); // hidden after a minute of reading
    t.activity(60 * MIN); // visible again an hour later
    expect(t.seconds(62 * MIN)).toBe(180);
    expect(t.seconds(60 * MIN + IDLE_GAP_MS + 1)).toBe(60);
  });

  it('continues a stored sum when the form is resumed, on another day', () => {
    const t = new ActiveTimer(400);
    t.activity(Date.UTC(2026, 2, 2, 8));
    t.activity(Date.UTC(2026, 2, 2, 8) + 100_000);
    expect(t.seconds(Date.UTC(2026, 2, 2, 8) + 100_000)).toBe(500);
    t.set(42, 0, false);
    expect(t.seconds(MIN)).toBe(42);
  });

  it('never goes down, never counts more than the time that passed, and stays within a day', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 * MIN }), fc.boolean()), { maxLength: 60 }), (steps) => {
        const t = new ActiveTimer();
        let now = 0;
        let previous = 0;
        for (const [delta, hide] of steps) {
          now += delta;
          if (hide) t.pause(now);
          else t.activity(now);
          const s = t.seconds(now);
          expect(s).toBeGreaterThanOrEqual(previous);
          expect(s).toBeLessThanOrEqual(Math.min(MAX_ACTIVE_SECONDS, Math.floor(now / 1000)));
          previous = s;
        }
      }),
    );
  });
});
