import { useState } from 'react';
import { Alert, Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { periodLabel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { Summary, SummaryIndicator } from '../../api/schema-types';
import { usePeriod } from '../../lib/period-context';
import { CoverageBanner } from '../../components/coverage-banner';
import { EmptyState, QueryState } from '../../components/query-state';
import { fmtNumber } from '../../lib/format';
import { hasRole } from '../../lib/roles';
import { useIsNarrow } from '../../lib/use-is-narrow';
import { useUser } from '../../lib/auth-context';
import { useFetchSummary } from '../../api/hooks/use-fetch-summary';
import { UnitPicker } from '../../components/unit-picker';
import { Headline, OwnColumnTitle, OwnFigure } from '../../components/figure-cells';
import { PreMergerHistory } from '../../components/pre-merger-history';
import { DocumentActions } from '../../components/report-document/document-actions';
import { SummaryComparison } from './summary-comparison';
import { SummaryFileActions } from './summary-file-actions';

/** A unit's consolidated figures for the period, mirroring the appendix tree, with their coverage. */
export function SummaryPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { unitCode = user.unitCode ?? '' } = useParams();
  const { periodId } = usePeriod();
  const navigate = useNavigate();
  const narrow = useIsNarrow();
  // The comparison endpoint is for analysts (and administrators), like rankings.
  const mayCompare = hasRole(user, 'analyst', 'administrator');
  const [compare, setCompare] = useState(user.unitLevel === 'province');
  const [group, setGroup] = useState<string>('all');
  const query = useFetchSummary(unitCode, periodId);
  const showComparison = mayCompare && compare && !!periodId && query.data !== undefined && query.data.unit.level !== 'commune';

  return (
    <div data-testid="summary-page">
      <div className="page-title">
        <Typography.Title level={1}>{t('summary.title')}</Typography.Title>
        <Space wrap>
          {user.unitCode && <UnitPicker rootCode={user.unitCode} value={unitCode} onChange={(c) => navigate(c === user.unitCode ? '/summary' : `/summary/${c}`)} />}
          {mayCompare && (
            <Space size={4}>
              <Switch checked={compare} onChange={setCompare} size="small" data-testid="compare-switch" aria-labelledby="compare-switch-label" />
              <span id="compare-switch-label">{t('summary.compareToggle')}</span>
            </Space>
          )}
          {unitCode && periodId && <DocumentActions unitCode={unitCode} period={periodId} />}
          {unitCode && periodId && <SummaryFileActions unitCode={unitCode} period={periodId} />}
        </Space>
      </div>
      {periodId && <PreMergerHistory unitCode={unitCode} period={periodId} source="summary" />}
      {showComparison && <SummaryComparison key={`${unitCode}/${periodId}`} unitCode={unitCode} period={periodId} />}
      <QueryState query={query} rows={10}>
        {(data) => <SummaryBody data={data} group={group} setGroup={setGroup} narrow={narrow} />}
      </QueryState>
    </div>
  );
}

function SummaryBody({ data, group, setGroup, narrow }: { data: Summary; group: string; setGroup: (g: string) => void; narrow: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const groups = data.indicators.filter((i) => i.depth === 1);
  const rows = data.indicators.filter((i) => group === 'all' || i.code === group || i.code.startsWith(`${group}.`));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {data.unit.name} · {periodLabel(data.period, en ? 'en' : 'vi')}
      </Typography.Text>
      <CoverageBanner coverage={data.coverage} childLevel="commune" />
      {data.unit.level === 'province' && data.coverage.childrenExpected > 0 && (
        <Typography.Text type="secondary">{t('coverage.children', { reported: data.coverage.childrenReported, expected: data.coverage.childrenExpected })}</Typography.Text>
      )}
      {data.coverage.stale && <Tag color="processing">{t('summary.stale')}</Tag>}
      {/* A rollup that keeps failing shows the last figures that were computed, and says so (docs/architecture.md). */}
      {data.rollup && data.rollup.failures > 0 && (
        <Alert type="warning" showIcon data-testid="rollup-failing" message={t('summary.rollupFailing', { count: data.rollup.failures })} description={data.rollup.lastError ?? undefined} />
      )}
      <Card size="small">
        <Select
          aria-label={t('summary.groupFilter')}
          value={group}
          onChange={setGroup}
          style={{ minWidth: 260, maxWidth: '100%', marginBottom: 8 }}
          options={[{ value: 'all', label: t('summary.allGroups') }, ...groups.map((g) => ({ value: g.code, label: `${g.code}. ${en && g.titleEn ? g.titleEn : g.title}` }))]}
        />
        {data.coverage.reported === 0 && !data.ownReport?.counted ? (
          <EmptyState text={t('summary.empty')} />
        ) : (
          <Table<SummaryIndicator>
            size="small"
            rowKey="code"
            dataSource={rows}
            pagination={false}
            data-testid="summary-table"
            rowClassName={(r) => (r.isHeading || !r.valueType ? 'ind-row--heading' : '')}
            columns={[
              ...(narrow ? [] : [{ title: t('form.colCode'), dataIndex: 'code', width: 80 }]),
              {
                title: t('form.colIndicator'),
                key: 'title',
                render: (_: unknown, r: SummaryIndicator) => (
                  <span style={{ paddingLeft: narrow ? 0 : Math.max(0, r.depth - 1) * 12, display: 'inline-block' }}>
                    {narrow && <Typography.Text code>{r.code}</Typography.Text>} {en && r.titleEn ? r.titleEn : r.title}
                    {r.unit && r.valueType !== 'yesno' && r.valueType !== 'choice' && <span className="ind-row__unit"> · {r.unit}</span>}
                  </span>
                ),
              },
              {
                title: t('summary.col.value'),
                key: 'headline',
                width: narrow ? 120 : 200,
                render: (_: unknown, r: SummaryIndicator) =>
                  r.valueType ? (
                    <div>
                      <Headline ind={r} f={r.summary} />
                      {narrow && r.summary && r.summary.count > 0 && (
                        <div className="ind-row__unit">{t('summary.unitsReporting', { count: r.summary.count })}</div>
                      )}
                    </div>
                  ) : null,
              },
              // The unit's own report beside the consolidation, when it has one (docs/indicators.md).
              ...(data.ownReport
                ? [{ title: <OwnColumnTitle ownReport={data.ownReport} />, key: 'own', width: narrow ? 96 : 150, align: 'right' as const, render: (_: unknown, r: SummaryIndicator) => (r.valueType ? <OwnFigure ind={r} /> : null) }]
                : []),
              ...(narrow
                ? []
                : [
                    { title: t('summary.col.count'), key: 'count', width: 90, align: 'right' as const, render: (_: unknown, r: SummaryIndicator) => (r.summary ? r.summary.count : null) },
                    {
                      title: t('summary.col.range'),
                      key: 'range',
                      width: 130,
                      align: 'right' as const,
                      render: (_: unknown, r: SummaryIndicator) =>
                        r.summary && r.summary.count > 0 && (r.valueType === 'count' || r.valueType === 'percent' || r.valueType === 'decimal')
                          ? `${fmtNumber(r.summary.min)} – ${fmtNumber(r.summary.max)}`
                          : null,
                    },
                  ]),
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
