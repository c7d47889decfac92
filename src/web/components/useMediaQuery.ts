import { useCallback, useSyncExternalStore } from 'react';

/** True while the media query matches; follows resizing and zoom. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** Phones and narrow windows (and wide windows zoomed in): 640 CSS pixels or less. */
export const NARROW_SCREEN = '(max-width: 640px)';
