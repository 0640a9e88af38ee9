import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router-dom';
import { setLeaveGuard } from './leave-guard';

/**
 * Asks before the officer loses input that was never saved: closing or reloading the tab
 * (beforeunload), moving elsewhere in the app (router blocker) or logging out.
 */
export function useUnsavedGuard(unsaved: number) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const leaving = useRef(false);
  const unsavedRef = useRef(unsaved);
  useLayoutEffect(() => {
    unsavedRef.current = unsaved;
  }, [unsaved]);

  const ask = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t('form.leave.title'),
          content: t('form.leave.body', { count: unsavedRef.current }),
          okText: t('form.leave.leave'),
          okButtonProps: { danger: true, 'data-testid': 'leave-confirm' },
          cancelText: t('form.leave.stay'),
          onOk: () => {
            leaving.current = true;
            resolve(true);
          },
          onCancel: () => resolve(false),
        });
      }),
    [modal, t],
  );

  const blocker = useBlocker(({ currentLocation, nextLocation }) => !leaving.current && unsavedRef.current > 0 && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    void ask().then((ok) => (ok ? blocker.proceed() : blocker.reset()));
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
