import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Progress, Row, Select, Space, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FileTextOutlined, StopOutlined } from '@ant-design/icons';
import { periodLabel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { api, type ExportOptions } from '../../api/client';
import { errorText } from '../../api/api-error';
import { usePeriod } from '../../lib/period-context';
import { EmptyState } from '../../components/query-state';
import { fmtBytes } from '../../lib/format';
import { useUser } from '../../lib/auth-context';
import { UnitPicker } from '../../components/unit-picker';
import { useDownloadFile, type DownloadState } from '../../lib/use-download-file';

function DownloadStatus({ state, onCancel }: { state: DownloadState; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  if (state.kind === 'idle') return null;
  if (state.kind === 'error') return <Alert type="error" showIcon message={t('exports.failed')} description={errorText(state.error, i18n.language)} data-testid="export-error" />;
  if (state.kind === 'done')
    return <Alert type="success" showIcon message={t('exports.done', { name: state.filename, size: fmtBytes(state.bytes) })} data-testid="export-done" />;
  const { received, total } = state.progress;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="export-progress">
      {total ? <Progress percent={Math.round((received / total) * 100)} /> : <Progress percent={100} status="active" showInfo={false} />}
      <Space>
        <Typography.Text>{total ? t('exports.progressOf', { received: fmtBytes(received), total: fmtBytes(total) }) : t('exports.progress', { received: fmtBytes(received) })}</Typography.Text>
        <Button size="small" icon={<StopOutlined />} onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Space>
  );
}

/** Pivot exports (units × indicators) as CSV or XLSX, streamed with progress. */
export function ExportsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const user = useUser();
  const { periodId } = usePeriod();
  const [unitCode, setUnitCode] = useState(user.unitCode ?? '');
  const [opts, setOpts] = useState<ExportOptions>({ scope: 'children', basis: 'approved', decimal: 'comma' });
  const dl = useDownloadFile();
  if (!periodId || !unitCode) return <EmptyState text={t('home.noPeriods')} />;
  const running = dl.state.kind === 'running';
  const go = (format: 'csv' | 'xlsx') => void dl.start(api.exportPath(unitCode, periodId, format, format === 'csv' ? opts : { scope: opts.scope, basis: opts.basis }), `cchc-${unitCode}-${periodId}.${format}`);

  return (
    <div data-testid="exports-page">
      <div className="page-title">
        <Typography.Title level={1}>{t('exports.title')}</Typography.Title>
        <Typography.Text type="secondary">{periodLabel(periodId, en ? 'en' : 'vi')}</Typography.Text>
      </div>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('exports.options')}>
            <Form layout="vertical">
              <Form.Item label={t('common.unit')}>
                <UnitPicker excludeCommunes rootCode={user.unitCode ?? ''} value={unitCode} onChange={setUnitCode} />
              </Form.Item>
              <Form.Item label={t('exports.scope')}>
                <Select
                  value={opts.scope}
                  onChange={(scope) => setOpts((o) => ({ ...o, scope }))}
                  options={[
                    { value: 'children', label: t('exports.scopeChildren') },
                    { value: 'communes', label: t('exports.scopeCommunes') },
                  ]}
                />
              </Form.Item>
              <Form.Item label={t('exports.basis')}>
                <Select
                  value={opts.basis}
                  onChange={(basis) => setOpts((o) => ({ ...o, basis }))}
                  options={(['approved', 'submitted', 'all'] as const).map((b) => ({ value: b, label: t(`exports.basisName.${b}`) }))}
                />
              </Form.Item>
              <Form.Item label={t('exports.decimal')} extra={t('exports.decimalHelp')}>
                <Select
                  value={opts.decimal}
                  onChange={(decimal) => setOpts((o) => ({ ...o, decimal }))}
                  options={[
                    { value: 'comma', label: t('exports.decimalComma') },
                    { value: 'dot', label: t('exports.decimalDot') },
                  ]}
                />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('exports.files')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Button block icon={<FileExcelOutlined />} type="primary" disabled={running} onClick={() => go('xlsx')} data-testid="export-xlsx">
                {t('exports.xlsx')}
              </Button>
              <Button block icon={<FileTextOutlined />} disabled={running} onClick={() => go('csv')} data-testid="export-csv">
                {t('exports.csv')}
              </Button>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                <DownloadOutlined /> {t('exports.help')}
              </Typography.Paragraph>
              <DownloadStatus state={dl.state} onCancel={dl.cancel} />
            </Space>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
