/**
 * Measured completion time: how long the respondent was actively answering. Time counts between two
 * signs of activity (a tap, a key, scrolling, the page coming into view) that are at most five minutes
 * apart, and only while the page is visible; a longer gap (a break, a phone call, the tab left open
 * overnight) does not count at all. The sum is kept with the form, so a form resumed later — the same
 * day or another — continues it. It is sent with the response and stored as whole minutes.
 */
import { useEffect, useRef } from 'react';

/** A longer pause than this is a break, not reading. */
export const IDLE_GAP_MS = 5 * 60_000;
/** The most a response may report (the API's limit): one day. */
export const MAX_ACTIVE_SECONDS = 86_400;

export class ActiveTimer {
  private totalMs: number;
  /** The last sign of activity while the page was visible; null while hidden or before the first. */
  private last: number | null = null;

  constructor(startSeconds = 0) {
    this.totalMs = Math.max(0, startSeconds) * 1000;
  }

  /** A sign of activity at `now` (ms): the time since the previous one counts if the gap was short. */
  activity(now: number): void {
    if (this.last !== null) {
      const gap = now - this.last;
      if (gap > 0 && gap <= IDLE_GAP_MS) this.totalMs += gap;
    }
    this.last = Math.max(now, this.last ?? now);
  }

  /** The page was hidden or the form left at `now`: counts up to now (if the gap was short), then nothing until the next activity. */
  pause(now: number): void {
    this.activity(now);
    this.last = null;
  }

  /** Whole seconds so far, up to `now` (the open stretch counts if it is short), at most a day. */
  seconds(now: number): number {
    const open = this.last !== null && now - this.last > 0 && now - this.last <= IDLE_GAP_MS ? now - this.last : 0;
    return Math.min(MAX_ACTIVE_SECONDS, Math.floor((this.totalMs + open) / 1000));
  }

  /** Continue from a stored sum (a resumed draft), counting on from `now` if the page is in view. */
  set(seconds: number, now: number, visible: boolean): void {
    this.totalMs = Math.max(0, seconds) * 1000;
    this.last = visible ? now : null;
  }
}

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'input', 'scroll', 'touchstart', 'wheel'] as const;

/** Counts active time while `running` (the respondent is answering); the timer lives as long as the form. */
export function useActiveTime(running: boolean, startSeconds: number): ActiveTimer {
  const timer = useRef<ActiveTimer | null>(null);
  timer.current ??= new ActiveTimer(startSeconds);
  useEffect(() => {
    if (!running) return;
    const t = timer.current!;
    const activity = () => t.activity(Date.now());
    const visibility = () => (document.visibilityState === 'visible' ? t.activity(Date.now()) : t.pause(Date.now()));
    const leaving = () => t.pause(Date.now());
    if (document.visibilityState === 'visible') activity();
    ACTIVITY.forEach((type) => window.addEventListener(type, activity, { passive: true, capture: true }));
    document.addEventListener('visibilitychange', visibility);
    window.addEventListener('pagehide', leaving);
    return () => {
      t.pause(Date.now());
      ACTIVITY.forEach((type) => window.removeEventListener(type, activity, { capture: true }));
      document.removeEventListener('visibilitychange', visibility);
      window.removeEventListener('pagehide', leaving);
    };
  }, [running]);
  return timer.current;
}
