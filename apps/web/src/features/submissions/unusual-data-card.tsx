import { Card, Popover, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { OutlierWarning } from '../../api/schema-types';
import { EmptyState, ErrorState, LoadingState } from '../../components/query-state';
import { fmtNumber } from '../../lib/format';
import { useFetchQualityUnder } from '../../api/hooks/use-fetch-quality';
import { OutlierDetails } from '../../components/quality-marks';

interface Row extends OutlierWarning {
  key: string;
  unitCode: string;
  unitName: string;
}

/** "Dữ liệu bất thường": the period's outliers over every submitted or approved report under this unit. */
export function UnusualDataCard({ unitCode, period }: { unitCode: string; period: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const q = useFetchQualityUnder(unitCode, period);
  const rows: Row[] = (q.data ?? []).flatMap((r) => r.outliers.map((o) => ({ ...o, key: `${r.unitCode}/${o.code}/${o.kind}`, unitCode: r.unitCode, unitName: r.unitName })));
  return (
    <Card size="small" title={t('quality.listTitle')} style={{ marginTop: 12 }} data-testid="unusual-data">
      <Typography.Paragraph type="secondary">{t('quality.listHint')}</Typography.Paragraph>
      {q.isPending ? (
        <LoadingState rows={3} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Row>
          size="small"
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: <EmptyState text={t('quality.listEmpty')} /> }}
          scroll={{ x: 640 }}
          columns={[
            { title: t('quality.colUnit'), key: 'unit', width: 170, render: (_, r) => <Link to={`/review/${r.unitCode}/${period}`}>{r.unitName}</Link> },
            { title: t('quality.colCode'), dataIndex: 'code', width: 90 },
            {
              title: t('quality.colValue'),
              key: 'value',
              width: 110,
              align: 'right',
              render: (_, r) => (
                <Popover content={<OutlierDetails outlier={r} />}>
                  <strong style={{ cursor: 'help' }} data-testid={`unusual-${r.unitCode}-${r.code}`}>{fmtNumber(r.value, 4)}</strong>
                </Popover>
              ),
            },
            { title: t('quality.colWhy'), key: 'why', render: (_, r) => <><Tag color="gold">{t(`quality.kind.${r.kind as 'history'}`)}</Tag>{en ? r.message.en : r.message.vi}</> },
          ]}
        />
      )}
    </Card>
  );
}
