import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error';
import type { Report, SaveReportBody } from '../../api/schema-types';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; error: unknown }
  | { kind: 'conflict'; error: ApiError };

interface Options {
  enabled: boolean;
  delayMs?: number;
  /** The body for the current draft, read when the save starts. */
  body: () => SaveReportBody;
  save: (body: SaveReportBody) => Promise<Report>;
  onSaved: (report: Report) => void;
}

/**
 * Debounced draft saving: one PUT in flight at a time, carrying the version last seen, so a
 * stale tab gets a 409 instead of overwriting someone else's figures. Call `touch()` after
 * every edit and `flush()` before submitting.
 */
export function useAutosave({ enabled, delayMs = 1200, body, save, onSaved }: Options) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const rev = useRef(0);
  const savedRev = useRef(0);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const conflicted = useRef(false);
  const latest = useRef({ body, save, onSaved });
  useLayoutEffect(() => {
    latest.current = { body, save, onSaved };
  }, [body, save, onSaved]);

  const run = useCallback(async (): Promise<void> => {
    if (conflicted.current) return;
    if (inFlight.current) {
      await inFlight.current;
      if (rev.current === savedRev.current) return;
    }
    const startRev = rev.current;
    setState({ kind: 'saving' });
    const p = (async () => {
      try {
        const report = await latest.current.save(latest.current.body());
        savedRev.current = startRev;
        latest.current.onSaved(report);
        setState(rev.current === startRev ? { kind: 'saved', at: new Date() } : { kind: 'dirty' });
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          conflicted.current = true;
          setState({ kind: 'conflict', error: e });
        } else {
          setState({ kind: 'error', error: e });
        }
        throw e;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = p.catch(() => undefined);
    await p;
  }, []);

  const touch = useCallback(() => {
    rev.current += 1;
    if (!conflicted.current) setState({ kind: 'dirty' });
    if (timer.current) clearTimeout(timer.current);
    if (!enabled) return;
    timer.current = setTimeout(() => {
      void run().catch(() => undefined);
    }, delayMs);
  }, [enabled, delayMs, run]);

  /** Saves now if anything is unsaved; rejects if the save fails. */
  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    if (rev.current !== savedRev.current) await run();
    if (conflicted.current) throw new Error('conflict');
  }, [run]);

  // Leaving the page inside the debounce window still saves what was typed.
  const enabledRef = useRef(enabled);
  useLayoutEffect(() => {
    enabledRef.current = enabled;
  }, [enabled]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (enabledRef.current && rev.current !== savedRev.current && !conflicted.current) void run().catch(() => undefined);
    },
    [run],
  );

  const dirty = state.kind === 'dirty' || state.kind === 'saving' || state.kind === 'error';
  return { state, touch, flush, dirty, retry: () => void run().catch(() => undefined) };
}
