import { useState } from 'react';
import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { periodLabel, previousPeriodId } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import type { ComparisonIndicator, SummaryComparison as Comparison } from '../../api/schema-types';
import { QueryState } from '../../components/query-state';
import { useIsNarrow } from '../../lib/use-is-narrow';
import { usePeriod } from '../periods/period-context';
import { useFetchSummaryComparison } from './hooks/use-fetch-summary-comparison';
import { Change, Headline } from './figure-cells';

/**
 * A fair comparison of two periods: both sides over only the children with figures in both (the API
 * leaves the others out and names them), so a drop is never just fewer communes reporting.
 */
export function SummaryComparison({ unitCode, period }: { unitCode: string; period: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'vi';
  const { periods } = usePeriod();
  // Undefined: the API's default, the same kind of period a year earlier.
  const [withPeriod, setWithPeriod] = useState<string | undefined>(undefined);
  const query = useFetchSummaryComparison(unitCode, period, withPeriod);
  const shown = withPeriod ?? query.data?.previous.period ?? previousPeriodId(period) ?? undefined;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="summary-comparison"
      title={t('comparison.title')}
      extra={
        <Space size={4}>
          <label htmlFor="comparison-period">{t('comparison.with')}</label>
          <Select
            id="comparison-period"
            style={{ minWidth: 160 }}
            value={shown}
            onChange={setWithPeriod}
            data-testid="comparison-period"
            options={periods.filter((p) => p.id !== period).map((p) => ({ value: p.id, label: periodLabel(p.id, lang) }))}
          />
        </Space>
      }
    >
      <QueryState query={query} rows={6}>
        {(data) => <ComparisonBody data={data} />}
      </QueryState>
    </Card>
  );
}

type ChildLevel = 'commune' | 'district';

function childLevelOf(data: Comparison): ChildLevel {
  const first = [...data.common, ...data.onlyCurrent, ...data.onlyPrevious][0];
  if (first?.level === 'commune' || first?.level === 'district') return first.level;
  return data.unit.level === 'province' ? 'district' : 'commune';
}

const names = (units: { name: string }[]) => units.map((u) => u.name).join(', ');

function ComparisonBody({ data }: { data: Comparison }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'vi';
  const narrow = useIsNarrow();
  const level = childLevelOf(data);
  const now = periodLabel(data.current.period, lang);
  const before = periodLabel(data.previous.period, lang);
  const left = data.onlyCurrent.length + data.onlyPrevious.length;
  // A district counted in both may still count fewer communes in one period (its own coverage):
  // the sums then differ partly by coverage, which the reader must be told.
  const uneven = data.current.reported !== data.previous.reported;
  const counted = (f: ComparisonIndicator['current']) => f?.count ?? 0;
  if (data.common.length === 0) return <Alert type="warning" showIcon data-testid="comparison-basis" message={t('comparison.noneInBoth')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type={left > 0 || uneven || data.common.length < data.childrenExpected ? 'warning' : 'info'}
        showIcon
        data-testid="comparison-basis"
        message={
          <span>
            <strong>{t(`comparison.countedBoth_${level}`, { count: data.common.length })}</strong>
            {level === 'district' && <span> {t('comparison.communesEachSide', { current: data.current.reported, previous: data.previous.reported })}</span>}
            <Typography.Text type="secondary"> · {t('comparison.ofChildren', { expected: data.childrenExpected })}</Typography.Text>
          </span>
        }
        description={
          left > 0 || uneven ? (
            <div data-testid="comparison-left-out">
              {data.onlyCurrent.length > 0 && <div>{t('comparison.onlyCurrent', { period: now, names: names(data.onlyCurrent) })}</div>}
              {data.onlyPrevious.length > 0 && <div>{t('comparison.onlyPrevious', { period: before, names: names(data.onlyPrevious) })}</div>}
              {uneven && <div data-testid="comparison-uneven">{t('comparison.uneven', { current: data.current.reported, previous: data.previous.reported })}</div>}
            </div>
          ) : undefined
        }
      />
      <Table<ComparisonIndicator>
        size="small"
        rowKey="code"
        dataSource={data.indicators}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        data-testid="comparison-table"
        columns={[
          { title: t('form.colCode'), dataIndex: 'code', width: 72 },
          ...(narrow ? [] : [{ title: t('form.colIndicator'), dataIndex: 'title' }]),
          { title: now, key: 'current', width: narrow ? 110 : 170, render: (_: unknown, r: ComparisonIndicator) => <Headline ind={r} f={r.current} /> },
          { title: before, key: 'previous', width: narrow ? 110 : 170, render: (_: unknown, r: ComparisonIndicator) => <Headline ind={r} f={r.previous} /> },
          {
            title: t('comparison.col.change'),
            key: 'change',
            width: 100,
            align: 'right' as const,
            render: (_: unknown, r: ComparisonIndicator) => (r.valueType === 'choice' ? null : <Change now={r.current?.headline} before={r.previous?.headline} />),
          },
          {
            title: t('comparison.col.coverage'),
            key: 'coverage',
            width: 120,
            align: 'right' as const,
            responsive: ['md' as const],
            render: (_: unknown, r: ComparisonIndicator) => (
              // Per row: how many communes gave this figure on each side (blank cells are not counted).
              <Tag color={counted(r.current) === counted(r.previous) ? 'default' : 'gold'} aria-label={t('comparison.rowCoverage', { current: counted(r.current), previous: counted(r.previous) })}>
                {counted(r.current)} / {counted(r.previous)}
              </Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}
