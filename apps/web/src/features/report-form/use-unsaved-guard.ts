import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router-dom';
import { setLeaveGuard } from './leave-guard';
import { useFeedback } from '../../lib/feedback';

/**
 * Asks before the officer loses input that was never saved: closing or reloading the tab
 * (beforeunload), moving elsewhere in the app (router blocker) or logging out.
 */
export function useUnsavedGuard(unsaved: number) {
  const { t } = useTranslation();
  const { modal } = useFeedback();
  const leaving = useRef(false);
  const unsavedRef = useRef(unsaved);
  useLayoutEffect(() => {
    unsavedRef.current = unsaved;
  }, [unsaved]);

  // One question on screen at a time: a navigation blocked again, or a logout, while it is open waits for
  // the same answer instead of stacking a second confirm that would stay open once the first is answered.
  const open = useRef<Promise<boolean> | null>(null);
  const ask = useCallback(() => {
    if (open.current) return open.current;
    const answer = new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t('form.leave.title'),
        content: t('form.leave.body', { count: unsavedRef.current }),
        okText: t('form.leave.leave'),
        okButtonProps: { danger: true, 'data-testid': 'leave-confirm' },
        cancelText: t('form.leave.stay'),
        onOk: () => {
          leaving.current = true;
          open.current = null;
          resolve(true);
        },
        onCancel: () => {
          open.current = null;
          resolve(false);
        },
      });
    });
    open.current = answer;
    return answer;
  }, [modal, t]);

  // A navigation blocked while the question is open is answered by that question, even when its blocked
  // state reaches this component only after the answer (a loaded machine): no second question for it.
  const heldBy = useRef<Promise<boolean> | null>(null);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => {
    const block = !leaving.current && unsavedRef.current > 0 && currentLocation.pathname !== nextLocation.pathname;
    if (block) heldBy.current = open.current;
    return block;
  });
  // The answer goes to the blocker of that moment (a later blocked navigation replaces it), once.
  const blockerRef = useRef(blocker);
  useLayoutEffect(() => {
    blockerRef.current = blocker;
  }, [blocker]);
  const answered = useRef<unknown>(null);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    const question = heldBy.current ?? ask();
    heldBy.current = null;
    void question.then((ok) => {
      const current = blockerRef.current;
      if (current.state !== 'blocked' || answered.current === current) return;
      answered.current = current;
      if (ok) current.proceed();
      else current.reset();
    });
  }, [blocker, ask]);

  useEffect(() => setLeaveGuard(() => (unsavedRef.current > 0 && !leaving.current ? ask() : Promise.resolve(true))), [ask]);

  useEffect(() => {
    if (unsaved === 0) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}
