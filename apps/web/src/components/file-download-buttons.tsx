import { Button, Space } from 'antd';
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDownloadErrorMessage } from '../lib/use-download-error-message';
import { useDownloadFile } from '../lib/use-download-file';

export type FileFormat = 'xlsx' | 'csv';

/**
 * "Tải XLSX" / "Tải CSV" for a file the API builds (fetched with the session's token, so a plain
 * link would not do). `pathFor` gives the API path of each format; `name` completes the buttons'
 * accessible names ("Tải XLSX — bảng xếp hạng"), which start with the visible label.
 */
export function FileDownloadButtons({ pathFor, fallbackName, name, testIdPrefix }: { pathFor: (format: FileFormat) => string; fallbackName: (format: FileFormat) => string; name: string; testIdPrefix: string }) {
  const { t } = useTranslation();
  const dl = useDownloadFile();
  useDownloadErrorMessage(dl.state);
  const running = dl.state.kind === 'running';
  return (
    <Space.Compact>
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          icon={format === 'xlsx' ? <FileExcelOutlined /> : <FileTextOutlined />}
          loading={running}
          aria-label={t('exports.downloadNamed', { label: t(`exports.download.${format}`), name })}
          data-testid={`${testIdPrefix}-${format}`}
          onClick={() => void dl.start(pathFor(format), fallbackName(format))}
        >
          {t(`exports.download.${format}`)}
        </Button>
      ))}
    </Space.Compact>
  );
}
