import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FileDownloadButtons } from '../../components/file-download-buttons';

/** The summary's figures as the pivot table (its children × indicators, with the total row), XLSX or CSV. */
export function SummaryFileActions({ unitCode, period }: { unitCode: string; period: string }) {
  const { t } = useTranslation();
  return (
    <FileDownloadButtons
      name={t('summary.fileName')}
      testIdPrefix="summary-download"
      // Comma decimals: what an Excel with Vietnamese settings opens directly (the exports page's default too).
      pathFor={(format) => api.exportPath(unitCode, period, format, format === 'csv' ? { decimal: 'comma' } : {})}
      fallbackName={(format) => `CCHC_${period}_${unitCode}.${format}`}
    />
  );
}
