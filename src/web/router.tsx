/**
 * A tiny path router: the History API, a hook for the current location and a link that navigates
 * without reloading. Enough for five pages; no dependency.
 */
import { useSyncExternalStore, type MouseEvent } from 'react';
import { Link, type LinkProps } from '@digdir/designsystemet-react';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
/** Whether the next location change should move focus to the new page's heading. */
let focusRequested = false;
window.addEventListener('popstate', () => {
  focusRequested = true;
  notify();
});

/** True once after a navigation that should move focus (see App: focus goes to the page's h1). */
export function takeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query string (the hash is left to in-page links). */
export function useLocation(): { path: string; search: URLSearchParams } {
  const current = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(current, window.location.origin);
  return { path: url.pathname, search: url.searchParams };
}

/**
 * Go to a path inside the app. `keepFocus` is for changes within a page (such as choosing a tab):
 * the address changes, but focus and scroll stay where the user is.
 */
export function navigate(to: string, options: { replace?: boolean; keepFocus?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (!options.keepFocus) {
    window.scrollTo(0, 0);
    focusRequested = true;
  }
  notify();
}

/** A Designsystemet link that navigates inside the app (a modified click still opens a new tab). */
export function AppLink({ href, onClick, ...rest }: LinkProps & { href: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <Link href={href} onClick={handle} {...rest} />;
}
