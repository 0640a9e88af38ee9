import { App, Button, Space } from 'antd';
import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/api-error';
import { useDownloadFile } from '../exports/use-download-file';

export const printViewPath = (unitCode: string, period: string) => `/bao-cao/${unitCode}/${period}/in`;

/**
 * "Tải văn bản (DOCX)" (fetched with the session's token) and "In báo cáo" (the print view in a new
 * tab, opened without noopener so it inherits this tab's sessionStorage, i.e. the sign-in).
 */
export function DocumentActions({ unitCode, period, disabled }: { unitCode: string; period: string; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const dl = useDownloadFile();
  useEffect(() => {
    if (dl.state.kind === 'error') message.error(errorText(dl.state.error, i18n.language));
  }, [dl.state, message, i18n.language]);
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
