import { Button, Space } from 'antd';
import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDownloadErrorMessage } from '../../lib/use-download-error-message';
import { useDownloadFile } from '../../lib/use-download-file';

export const printViewPath = (unitCode: string, period: string) => `/bao-cao/${unitCode}/${period}/in`;

/**
 * "Tải văn bản (DOCX)" (fetched with the session's token) and "In báo cáo" (the print view in a new
 * tab, opened without noopener so it inherits this tab's sessionStorage, i.e. the sign-in).
 */
export function DocumentActions({ unitCode, period, disabled }: { unitCode: string; period: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const dl = useDownloadFile();
  useDownloadErrorMessage(dl.state);
  return (
    <Space.Compact>
      <Button
        icon={<FileWordOutlined />}
        disabled={disabled}
        loading={dl.state.kind === 'running'}
        data-testid="download-docx"
        onClick={() => void dl.start(`/api/exports/report/${unitCode}/${period}.docx`, `Bao-cao_CCHC_${period}_${unitCode}.docx`)}
      >
        {t('document.download')}
      </Button>
      <Button icon={<PrinterOutlined />} disabled={disabled} data-testid="print-report" onClick={() => window.open(printViewPath(unitCode, period), '_blank')}>
        {t('document.print')}
      </Button>
    </Space.Compact>
  );
}
