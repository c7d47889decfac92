import { useEffect, useRef } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'scroll', 'touchstart', 'wheel'] as const;

/** Calls `onIdle` after `ms` without any input (used to wipe a shared device's form). */
export function useIdle(enabled: boolean, ms: number, onIdle: () => void): void {
  const callback = useRef(onIdle);
  useEffect(() => {
    callback.current = onIdle;
  });
  useEffect(() => {
    if (!enabled) return;
    let timer = window.setTimeout(() => callback.current(), ms);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => callback.current(), ms);
    };
    ACTIVITY.forEach((type) => window.addEventListener(type, reset, { passive: true, capture: true }));
    return () => {
      window.clearTimeout(timer);
      ACTIVITY.forEach((type) => window.removeEventListener(type, reset, { capture: true }));
    };
  }, [enabled, ms]);
}
