import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { periodLabel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/api-error';
import type { RollupFailure } from '../../api/schema-types';
import { ErrorState, LoadingState } from '../../components/query-state';
import { fmtDateTime } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-is-narrow';
import { useFetchRollupFailures } from '../../api/hooks/use-fetch-rollup-failures';
import { useRetryRollup } from './hooks/use-retry-rollup';
import { useFeedback } from '../../lib/feedback';

/**
 * Summaries that cannot be computed right now: which unit and period, why, and when the system
 * tries again. Administrators fix the cause (a withdrawn template, a damaged row) and retry at once.
 */
export function RollupFailuresPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { data, isPending, error } = useFetchRollupFailures();
  const retry = useRetryRollup();
  const { message } = useFeedback();
  const narrow = useIsNarrow();

  const onRetry = (f: RollupFailure) =>
    retry.mutate(
      { unitCode: f.unitCode, periodId: f.periodId },
      {
        onSuccess: (r) => void message.success(t(r.enqueued ? 'admin.rollups.retried' : 'admin.rollups.retryLater', { unit: f.unitName })),
        onError: (e) => void message.error(errorText(e, i18n.language)),
      },
    );

  return (
    <div data-testid="admin-rollups">
      <div className="page-title">
        <Typography.Title level={1}>{t('nav.adminRollups')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('admin.rollups.help')}</Typography.Paragraph>
      <Card size="small">
        {isPending ? (
          <LoadingState />
        ) : error ? (
          <ErrorState error={error} />
        ) : data.length === 0 ? (
          <Alert type="success" showIcon message={t('admin.rollups.none')} />
        ) : (
          <Table<RollupFailure>
            size="small"
            rowKey={(f) => `${f.unitCode}/${f.periodId}`}
            dataSource={data}
            pagination={false}
            scroll={{ x: narrow ? 720 : undefined }}
            columns={[
              { title: t('admin.rollups.unit'), key: 'unit', render: (_, f) => `${f.unitName} (${f.unitCode})` },
              { title: t('common.period'), key: 'period', width: 120, render: (_, f) => periodLabel(f.periodId, en ? 'en' : 'vi') },
              { title: t('admin.rollups.failures'), dataIndex: 'failures', width: 90, render: (n: number) => <Tag color="red">{n}</Tag> },
              { title: t('admin.rollups.reason'), dataIndex: 'lastError', render: (e: string | null) => <Typography.Text code>{e ?? '—'}</Typography.Text> },
              { title: t('admin.rollups.owedSince'), dataIndex: 'requestedAt', width: 150, render: (d: string) => fmtDateTime(d) },
              { title: t('admin.rollups.nextRetry'), dataIndex: 'nextRetryAt', width: 150, render: (d: string | null) => fmtDateTime(d) },
              {
                title: '',
                key: 'retry',
                width: 110,
                render: (_, f) => (
                  <Button size="small" icon={<ReloadOutlined />} loading={retry.isPending && retry.variables?.unitCode === f.unitCode} onClick={() => onRetry(f)}>
                    {t('admin.rollups.retry')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
