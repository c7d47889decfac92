/**
 * Autosave of the draft on the server: created right after consent, then saved ~1.5 s after the last
 * change, at once on a section change, and when the page is hidden or closed. A failed save is kept
 * and tried again when the browser is online again, and every 15 s.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftCreated } from '../../../contracts/api.js';
import type { Answers, Language } from '../../../contracts/instrument.js';
import { ApiError, NetworkError } from '../../api.js';
import { createDraft, saveDraft } from './survey.api.js';

export interface DraftRef {
  draftId: string;
  draftToken: string;
}

export interface Snapshot {
  /** Already pruned of hidden answers. */
  answers: Answers;
  unitId: string | null;
  sectionIndex: number;
  language: Language;
  consentVersion: number;
  /** Active answering time so far; kept with the draft so that resuming elsewhere continues it. */
  activeSeconds: number;
}

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline' }
  | { kind: 'failed' };

export const SAVE_DELAY_MS = 1500;
export const RETRY_MS = 15_000;

interface Options {
  token: string;
  /** The draft this form saves to (null until created); kept by the caller so it survives re-renders. */
  draft: React.RefObject<DraftRef | null>;
  snapshot: () => Snapshot;
  onDraftCreated: (created: DraftCreated) => void;
}

export function useAutosave({ token, draft, snapshot, onDraftCreated }: Options) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const dirty = useRef(false);
  const stopped = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const retry = useRef<number | undefined>(undefined);
  const running = useRef<Promise<void> | null>(null);
  const creating = useRef<Promise<DraftRef> | null>(null);
  // The latest callbacks, so that timers started earlier use today's answers.
  const snapshotRef = useRef(snapshot);
  const createdRef = useRef(onDraftCreated);
  useEffect(() => {
    snapshotRef.current = snapshot;
    createdRef.current = onDraftCreated;
  });

  const ensureDraft = useCallback(async (): Promise<DraftRef> => {
    if (draft.current) return draft.current;
    if (!creating.current) {
      const { consentVersion, language } = snapshotRef.current();
      creating.current = createDraft(token, { consentVersion, language })
        .then((created) => {
          draft.current = { draftId: created.draftId, draftToken: created.draftToken };
          createdRef.current(created);
          return draft.current;
        })
        .finally(() => {
          creating.current = null;
        });
    }
    return creating.current;
  }, [draft, token]);

  const saveOnce = useCallback(
    async (keepalive: boolean) => {
      dirty.current = false;
      setStatus({ kind: 'saving' });
      try {
        const target = await ensureDraft();
        const { answers, unitId, sectionIndex, language, activeSeconds } = snapshotRef.current();
        await saveDraft(token, target.draftId, { draftToken: target.draftToken, answers, unitId, sectionIndex, language, activeSeconds }, { keepalive });
        if (!stopped.current) setStatus(dirty.current ? { kind: 'saving' } : { kind: 'saved', at: new Date() });
      } catch (error) {
        if (stopped.current) return;
        dirty.current = true;
        const draftGone = error instanceof ApiError && [401, 403, 404].includes(error.status);
        // The draft is gone (purged, or an old token): the next try starts a new one.
        if (draftGone) draft.current = null;
        setStatus(error instanceof NetworkError ? { kind: 'offline' } : { kind: 'failed' });
        const worthRetrying = error instanceof NetworkError || draftGone || (error instanceof ApiError && error.status >= 500);
        window.clearTimeout(retry.current);
        if (worthRetrying) retry.current = window.setTimeout(() => void flushRef.current(), RETRY_MS);
      }
    },
    [draft, ensureDraft, token],
  );

  /** Save now if anything is unsaved (waits for a save already on its way). */
  const flush = useCallback(
    async (keepalive = false) => {
      window.clearTimeout(timer.current);
      if (stopped.current) return;
      while (running.current) await running.current;
      if (!dirty.current) return;
      running.current = saveOnce(keepalive).finally(() => {
        running.current = null;
      });
      await running.current;
    },
    [saveOnce],
  );
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });

  /** Something changed: save after a short pause in typing. */
  const schedule = useCallback(() => {
    if (stopped.current) return;
    dirty.current = true;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flushRef.current(), SAVE_DELAY_MS);
  }, []);

  /** Mark unsaved and save at once (consent given, section changed). */
  const saveNow = useCallback(() => {
    if (stopped.current) return Promise.resolve();
    dirty.current = true;
    return flushRef.current();
  }, []);

  /** No more saves (the response has been sent, or the form is being wiped). */
  const stop = useCallback(() => {
    stopped.current = true;
    window.clearTimeout(timer.current);
    window.clearTimeout(retry.current);
  }, []);

  /** Saves may go on (after a failed submit the form is edited again). */
  const resume = useCallback(() => {
    stopped.current = false;
  }, []);

  useEffect(() => {
    const online = () => void flushRef.current();
    const hidden = () => {
      if (document.visibilityState === 'hidden') void flushRef.current(true);
    };
    const closing = () => void flushRef.current(true);
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', closing);
    return () => {
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', closing);
      window.clearTimeout(timer.current);
      window.clearTimeout(retry.current);
    };
  }, []);

  return { status, schedule, saveNow, flush, stop, resume, ensureDraft };
}
