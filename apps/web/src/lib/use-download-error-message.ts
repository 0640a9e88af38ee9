
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/api-error';
import type { DownloadState } from './use-download-file';
import { useFeedback } from './feedback';

/** A download started from a page's toolbar reports its refusal as a message (the page has no status area). */
export function useDownloadErrorMessage(state: DownloadState): void {
  const { i18n } = useTranslation();
  const { message } = useFeedback();
  useEffect(() => {
    if (state.kind === 'error') message.error(errorText(state.error, i18n.language));
  }, [state, message, i18n.language]);
}
