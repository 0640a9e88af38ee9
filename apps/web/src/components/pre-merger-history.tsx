import { useMemo, useState } from 'react';
import { Alert, Button, Card, Drawer, Select, Space, Table, Tag, Typography } from 'antd';
import { periodLabel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import type { HistorySummary, IndicatorFigures, SummaryIndicator } from '../api/schema-types';
import { useFetchPeriods } from '../api/hooks/use-fetch-periods';
import { useFetchReport } from '../api/hooks/use-fetch-report';
import { useFetchUnit } from '../api/hooks/use-fetch-unit';
import { fmtNumber, fmtPercent } from '../lib/format';
import { useFetchSummary } from '../api/hooks/use-fetch-summary';
import { useFetchHistorySummary } from '../api/hooks/use-fetch-history-summary';

/** "Xã Quảng Thọ" → "Quảng Thọ": the list names communes, the heading already says they are communes. */
const shortName = (name: string) => name.replace(/^(Xã|Thị trấn|Phường|Đặc khu)\s+/u, '');
const MAX_NAMES = 8;

/** One figure the way a summary writes it; a commune's own yes/no reads Có / Không. */
function Figure({ ind, f, raw }: { ind: SummaryIndicator; f?: IndicatorFigures | null; raw?: number }) {
  const { t } = useTranslation();
  if (raw !== undefined) {
    if (ind.valueType === 'yesno') return <span>{raw === 1 ? t('premerger.yes') : t('premerger.no')}</span>;
    return <span>{ind.valueType === 'percent' ? fmtPercent(raw, 2) : fmtNumber(raw)}</span>;
  }
  if (!f || f.count === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  if (ind.valueType === 'choice' && f.optionCounts) return <span>{f.optionCounts.filter((o) => o.count > 0).map((o) => `${o.label}: ${o.count}`).join(' · ')}</span>;
  if (ind.valueType === 'yesno') return <span>{t('summary.yesShare', { yes: fmtNumber(f.headline, 0), share: fmtPercent(f.shareYes) })}</span>;
  if (ind.valueType === 'percent') return <span>{fmtPercent(f.headline, 2)}</span>;
  return <span>{fmtNumber(f.headline)}</span>;
}

/**
 * The same kind of period before the 2025 merger, on today's unit: its predecessors' approved reports
 * aggregated through the lineage (GET /api/summaries/:unit/:old?tree=current), beside today's figures
 * (the unit's report on the form, its summary on the summary page). Shown only for a unit of the new tree.
 */
export function PreMergerHistory({ unitCode, period, source }: { unitCode: string; period: string; source: 'report' | 'summary' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'vi';
  const unit = useFetchUnit(unitCode);
  const periods = useFetchPeriods();
  const founded = unit.data && unit.data.validTo === null && unit.data.validFrom > '2008-01-01' ? unit.data.validFrom : null;
  const oldPeriods = useMemo(
    () => (founded ? (periods.data ?? []).filter((p) => p.endDate < founded).sort((a, b) => b.endDate.localeCompare(a.endDate)) : []),
    [periods.data, founded],
  );
  const type = periods.data?.find((p) => p.id === period)?.type;
  const [chosen, setChosen] = useState<string | null>(null);
  const oldPeriod = chosen ?? oldPeriods.find((p) => p.type === type)?.id ?? oldPeriods[0]?.id ?? null;
  const history = useFetchHistorySummary(founded ? unitCode : null, oldPeriod);
  const [open, setOpen] = useState(false);
  if (!founded || oldPeriods.length === 0 || !oldPeriod) return null;
  if (history.isError) return <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('premerger.failed')} data-testid="pre-merger-history" />;
  const h = history.data;
  const preds = h?.history.predecessors ?? [];
  const shown = preds.slice(0, MAX_NAMES).map((p) => shortName(p.name)).join(', ') + (preds.length > MAX_NAMES ? ', …' : '');
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="pre-merger-history" loading={history.isPending}>
      <Space direction="vertical" style={{ width: '100%' }} size={4}>
        <Space wrap>
          <Typography.Text strong data-testid="pre-merger-heading">
            {t('premerger.heading', { count: preds.length, names: shown })}
          </Typography.Text>
          <Select
            size="small"
            aria-label={t('premerger.periodLabel')}
            value={oldPeriod}
            onChange={setChosen}
            style={{ minWidth: 150 }}
            data-testid="pre-merger-period"
            options={oldPeriods.map((p) => ({ value: p.id, label: periodLabel(p.id, lang) }))}
          />
          <Button size="small" type="primary" onClick={() => setOpen(true)} disabled={!h} data-testid="pre-merger-open">
            {t('premerger.open', { now: periodLabel(period, lang), old: periodLabel(oldPeriod, lang) })}
          </Button>
        </Space>
        {h && (
          <Typography.Text type="secondary">
            {t('premerger.coverage', { placed: h.history.coverage.placed, reported: h.history.coverage.reported, expected: h.history.coverage.expected })}
          </Typography.Text>
        )}
        {h && h.history.notPlaced.length > 0 && (
          <Space size={[4, 4]} wrap data-testid="pre-merger-not-placed">
            <Typography.Text type="secondary">{t('premerger.notPlaced')}</Typography.Text>
            {h.history.notPlaced.map((n) => (
              <Tag key={n.code} color="warning">
                {n.name} — {t(`premerger.reason.${n.reason}`)}
              </Tag>
            ))}
          </Space>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="vietmap-attribution">
          {t('premerger.attribution')}
        </Typography.Text>
      </Space>
      {h && (
        <Drawer open={open} onClose={() => setOpen(false)} width={Math.min(900, globalThis.innerWidth ?? 900)} title={t('premerger.drawerTitle', { old: periodLabel(oldPeriod, lang) })}>
          <ComparisonTable history={h} unitCode={unitCode} period={period} oldPeriod={oldPeriod} source={source} />
        </Drawer>
      )}
    </Card>
  );
}

/** Per indicator: today's figure, the predecessors' aggregate of the old period, and the change. */
function ComparisonTable({ history, unitCode, period, oldPeriod, source }: { history: HistorySummary; unitCode: string; period: string; oldPeriod: string; source: 'report' | 'summary' }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const lang = en ? 'en' : 'vi';
  const report = useFetchReport(unitCode, period, { enabled: source === 'report' });
  const summary = useFetchSummary(source === 'summary' ? unitCode : null, period);
  const now = useMemo(() => {
    const m = new Map<string, { raw?: number; f?: IndicatorFigures | null }>();
    if (source === 'report') for (const [k, v] of Object.entries(report.data?.values ?? {})) m.set(k, { raw: v });
    else for (const i of summary.data?.indicators ?? []) m.set(i.code, { f: i.summary });
    return m;
  }, [source, report.data, summary.data]);
  const headline = (code: string) => {
    const c = now.get(code);
    return c?.raw ?? (c?.f && c.f.count > 0 ? c.f.headline : null);
  };
  return (
    <Table<SummaryIndicator>
      size="small"
      rowKey="code"
      pagination={false}
      data-testid="pre-merger-table"
      dataSource={history.indicators.filter((i) => i.valueType || i.isHeading)}
      rowClassName={(r) => (r.isHeading || !r.valueType ? 'ind-row--heading' : '')}
      columns={[
        { title: t('form.colCode'), dataIndex: 'code', width: 70 },
        { title: t('form.colIndicator'), key: 'title', render: (_: unknown, r: SummaryIndicator) => (en && r.titleEn ? r.titleEn : r.title) },
        {
          title: periodLabel(period, lang),
          key: 'now',
          width: 140,
          align: 'right' as const,
          render: (_: unknown, r: SummaryIndicator) => (r.valueType ? <Figure ind={r} raw={now.get(r.code)?.raw} f={now.get(r.code)?.f} /> : null),
        },
        {
          title: t('premerger.colOld', { old: periodLabel(oldPeriod, lang), count: history.history.coverage.placed }),
          key: 'old',
          width: 170,
          align: 'right' as const,
          render: (_: unknown, r: SummaryIndicator) => (r.valueType ? <Figure ind={r} f={r.summary} /> : null),
        },
        {
          title: t('premerger.colChange'),
          key: 'change',
          width: 100,
          align: 'right' as const,
          render: (_: unknown, r: SummaryIndicator) => {
            const a = headline(r.code);
            const b = r.summary && r.summary.count > 0 ? r.summary.headline : null;
            if (!r.valueType || r.valueType === 'choice' || r.valueType === 'yesno' || a === null || b === null) return null;
            const d = a - b;
            return <span className={d > 0 ? 'diff-up' : d < 0 ? 'diff-down' : ''}>{d === 0 ? '±0' : `${d > 0 ? '+' : '−'}${fmtNumber(Math.abs(d))}`}</span>;
          },
        },
      ]}
    />
  );
}
