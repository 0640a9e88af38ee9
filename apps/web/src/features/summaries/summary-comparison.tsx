import { useState } from 'react';
import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { periodLabel, previousPeriodId } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import type { ComparisonIndicator, SummaryComparison as Comparison } from '../../api/schema-types';
import { QueryState } from '../../components/query-state';
import { useIsNarrow } from '../../lib/use-is-narrow';
import { usePeriod } from '../../lib/period-context';
import { useFetchSummaryComparison } from './hooks/use-fetch-summary-comparison';
import { Change, Headline } from '../../components/figure-cells';

/**
 * A fair comparison of two periods: both sides over only the communes (and, for rows only districts
 * report, the districts' own reports) with figures in both — across a whole province too. The API
 * leaves the others out and names them, so a drop is never just fewer communes reporting.
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

// A long list of left-out communes (a whole province) is cut: the count still tells how many.
const MAX_NAMES = 30;

function ComparisonBody({ data }: { data: Comparison }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'vi';
  const narrow = useIsNarrow();
  const now = periodLabel(data.current.period, lang);
  const before = periodLabel(data.previous.period, lang);
  const names = (units: Array<{ name: string; parentName?: string | null }>) => {
    const shown = units.slice(0, MAX_NAMES).map((u) => (u.parentName ? `${u.name} (${u.parentName})` : u.name));
    return shown.join(', ') + (units.length > MAX_NAMES ? ` ${t('comparison.more', { count: units.length - MAX_NAMES })}` : '');
  };
  const codes = (list: string[]) => list.slice(0, MAX_NAMES).join(', ') + (list.length > MAX_NAMES ? ` ${t('comparison.more', { count: list.length - MAX_NAMES })}` : '');
  // Periods on different form versions compare the rows both have; the others are named, by code.
  const versionLines = [
    data.indicatorsOnlyCurrent.length > 0 &&
      t('comparison.indicatorsOnlyCurrent', { period: now, version: data.templateVersion, codes: codes(data.indicatorsOnlyCurrent) }),
    data.indicatorsOnlyPrevious.length > 0 &&
      t('comparison.indicatorsOnlyPrevious', { period: before, version: data.previousTemplateVersion, codes: codes(data.indicatorsOnlyPrevious) }),
  ].filter((line): line is string => !!line);
  const leftOut = [
    data.onlyCurrent.length > 0 && t('comparison.onlyCurrent', { period: now, names: names(data.onlyCurrent) }),
    data.onlyPrevious.length > 0 && t('comparison.onlyPrevious', { period: before, names: names(data.onlyPrevious) }),
    data.ownOnlyCurrent.length > 0 && t('comparison.ownOnlyCurrent', { period: now, names: names(data.ownOnlyCurrent) }),
    data.ownOnlyPrevious.length > 0 && t('comparison.ownOnlyPrevious', { period: before, names: names(data.ownOnlyPrevious) }),
    ...versionLines,
  ].filter((line): line is string => !!line);
  const counted = (f: ComparisonIndicator['current']) => f?.count ?? 0;
  if (data.communesInBoth === 0 && data.ownInBoth.length === 0) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="comparison-basis"
        message={t('comparison.noneInBoth')}
        description={versionLines.length > 0 ? <div data-testid="comparison-left-out">{versionLines.map((line) => <div key={line}>{line}</div>)}</div> : undefined}
      />
    );
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type={leftOut.length > 0 || data.communesInBoth < data.communesExpected ? 'warning' : 'info'}
        showIcon
        data-testid="comparison-basis"
        message={
          <span>
            <strong>{t('comparison.countedBoth', { count: data.communesInBoth })}</strong>
            <Typography.Text type="secondary"> · {t('comparison.ofCommunes', { expected: data.communesExpected })}</Typography.Text>
            {/* Rows only districts report compare the districts' own reports, a different set of units. */}
            {data.ownExpected > 0 && (
              <div data-testid="comparison-own">{t('comparison.ownInBoth', { count: data.ownInBoth.length, expected: data.ownExpected })}</div>
            )}
          </span>
        }
        description={
          leftOut.length > 0 ? (
            <div data-testid="comparison-left-out">
              {leftOut.map((line) => (
                <div key={line}>{line}</div>
              ))}
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
              // Per row: how many units gave this figure on each side (blank cells are not counted).
              <Tag
                color={counted(r.current) === counted(r.previous) ? 'default' : 'gold'}
                aria-label={t(r.source === 'own' ? 'comparison.rowCoverageOwn' : 'comparison.rowCoverage', { current: counted(r.current), previous: counted(r.previous) })}
              >
                {counted(r.current)} / {counted(r.previous)}
              </Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}
