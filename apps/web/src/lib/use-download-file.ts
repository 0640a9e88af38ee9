import { useCallback, useRef, useState } from 'react';
import { download, type DownloadProgress } from '../api/client';
import { saveBlob } from './save-blob';

export type DownloadState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: DownloadProgress }
  | { kind: 'done'; bytes: number; filename: string }
  | { kind: 'error'; error: unknown };

/** A download that shows bytes as they stream in (national exports are long) and can be cancelled. */
export function useDownloadFile() {
  const [state, setState] = useState<DownloadState>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const start = useCallback(async (path: string, fallbackName: string) => {
    abort.current?.abort();
    const ctrl = new AbortController();
    abort.current = ctrl;
    setState({ kind: 'running', progress: { received: 0, total: null } });
    try {
      const { blob, filename } = await download(path, (progress) => setState({ kind: 'running', progress }), ctrl.signal);
      const name = filename ?? fallbackName;
      saveBlob(blob, name);
      setState({ kind: 'done', bytes: blob.size, filename: name });
    } catch (e) {
      setState(ctrl.signal.aborted ? { kind: 'idle' } : { kind: 'error', error: e });
    }
  }, []);
  const cancel = useCallback(() => abort.current?.abort(), []);
  return { state, start, cancel };
}
