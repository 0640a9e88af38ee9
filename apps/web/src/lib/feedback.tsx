import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { theme } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import type { HookAPI as ModalHookApi } from 'antd/es/modal/useModal';

/** What the screens use of antd's `App.useApp()`: toasts and confirmation dialogs. */
export interface FeedbackApi {
  message: Pick<MessageInstance, 'success' | 'error' | 'info' | 'warning'>;
  modal: Pick<ModalHookApi, 'confirm'>;
}

type Call = (api: FeedbackApi) => void;

const FeedbackContext = createContext<FeedbackApi | null>(null);

// antd's message and Modal (with rc-notification, rc-dialog: ~15 KB brotli) load on the first toast
// or confirmation, not with every page: the login page and the commune form open without them.
const FeedbackHost = lazy(() => import('./feedback-host').then((m) => ({ default: m.FeedbackHost })));

/**
 * In place of antd's `<App>`: the same hooks' holders (so toasts and dialogs take the theme and the
 * locale from ConfigProvider), mounted on first use; calls made before they load wait for them. The
 * wrapper gives the page antd App's base text style (colour, size, line height, font).
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  const [mounted, setMounted] = useState(false);
  const ready = useRef<FeedbackApi | null>(null);
  const queue = useRef<Call[]>([]);
  const run = useCallback((call: Call) => {
    if (ready.current) return call(ready.current);
    queue.current.push(call);
    setMounted(true);
  }, []);
  const onReady = useCallback((api: FeedbackApi) => {
    ready.current = api;
    for (const call of queue.current.splice(0)) call(api);
  }, []);
  const api = useMemo<FeedbackApi>(() => {
    const toast =
      (kind: keyof FeedbackApi['message']) =>
      (...args: Parameters<MessageInstance['info']>) => {
        run((a) => void a.message[kind](...args));
        // Callers only ever `void` the result; nothing waits on a toast closing.
        return undefined as unknown as ReturnType<MessageInstance['info']>;
      };
    return {
      message: { success: toast('success'), error: toast('error'), info: toast('info'), warning: toast('warning') },
      modal: {
        confirm: (props) => {
          run((a) => void a.modal.confirm(props));
          return undefined as unknown as ReturnType<ModalHookApi['confirm']>;
        },
      },
    };
  }, [run]);
  return (
    <FeedbackContext.Provider value={api}>
      {/* `display: contents`: the text style is inherited, while the screens' `min-height: 100%` still measures against #root. */}
      <div style={{ display: 'contents', color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily }}>
        {mounted && (
          <Suspense fallback={null}>
            <FeedbackHost onReady={onReady} />
          </Suspense>
        )}
        {children}
      </div>
    </FeedbackContext.Provider>
  );
}

export function useFeedback(): FeedbackApi {
  const api = useContext(FeedbackContext);
  if (!api) throw new Error('useFeedback outside FeedbackProvider');
  return api;
}
