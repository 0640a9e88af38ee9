import { useMemo, type ReactNode } from 'react';
import { Drawer, Table, Typography } from 'antd';
import { periodLabel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import type { HistorySummary, IndicatorFigures, SummaryIndicator } from '../api/schema-types';
import { useFetchReport } from '../api/hooks/use-fetch-report';
import { fmtNumber, fmtPercent } from '../lib/format';
import { useFetchSummary } from '../api/hooks/use-fetch-summary';

type ComparisonProps = { history: HistorySummary; unitCode: string; period: string; oldPeriod: string; source: 'report' | 'summary' };

/** The pre-merger card's drawer: loaded on first opening (see pre-merger-history.tsx). */
export function ComparisonDrawer({ open, onClose, title, ...props }: ComparisonProps & { open: boolean; onClose: () => void; title: ReactNode }) {
  return (
    <Drawer open={open} onClose={onClose} width={Math.min(900, globalThis.innerWidth ?? 900)} title={title}>
      <ComparisonTable {...props} />
    </Drawer>
  );
}

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

/** Per indicator: today's figure, the predecessors' aggregate of the old period, and the change. */
function ComparisonTable({ history, unitCode, period, oldPeriod, source }: ComparisonProps) {
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
