import { useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<T> =
  | { state: 'loading'; data?: T }
  | { state: 'failed'; error: unknown; data?: T }
  | { state: 'ready'; data: T };

/**
 * Load something from the API when `key` changes (null: nothing to load yet). The last data stays
 * while a reload runs, so tables do not blink on refresh.
 */
export function useApi<T>(key: string | null, load: () => Promise<T>): Loaded<T> & { reload: () => Promise<void> } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setResult((previous) => ({ state: 'loading', data: previous.data }));
    try {
      const data = await loadRef.current();
      if (mine === generation.current) setResult({ state: 'ready', data });
    } catch (error) {
      if (mine === generation.current) setResult((previous) => ({ state: 'failed', error, data: previous.data }));
    }
  }, []);

  useEffect(() => {
    if (key === null) return;
    setResult({ state: 'loading' });
    void reload();
  }, [key, reload]);

  return { ...result, reload };
}
