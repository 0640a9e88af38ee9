import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFetchPeriods } from '../api/hooks/use-fetch-periods';
import { useFetchUnit } from '../api/hooks/use-fetch-unit';
import { useFetchHistorySummary } from '../api/hooks/use-fetch-history-summary';

// The card (antd Card, Select) loads only for a unit of the new tree: an old-tree commune's form (most
// of them until the merger's periods) does without it.
const PreMergerCard = lazy(() => import('./pre-merger-card').then((m) => ({ default: m.PreMergerCard })));

/**
 * The same kind of period before the 2025 merger, on today's unit: its predecessors' approved reports
 * aggregated through the lineage (GET /api/summaries/:unit/:old?tree=current), beside today's figures
 * (the unit's report on the form, its summary on the summary page). Shown only for a unit of the new tree.
 */
export function PreMergerHistory({ unitCode, period, source }: { unitCode: string; period: string; source: 'report' | 'summary' }) {
  const { t } = useTranslation();
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
  if (!founded || oldPeriods.length === 0 || !oldPeriod) return null;
  if (history.isError) return <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('premerger.failed')} data-testid="pre-merger-history" />;
  return (
    <Suspense fallback={null}>
      {/* The query's fields are read here, in this render: React Query re-renders a component only for the fields it
          read, and a card still loading (lazy) when the answer came would keep the result it was first given. */}
      <PreMergerCard unitCode={unitCode} period={period} source={source} oldPeriod={oldPeriod} oldPeriods={oldPeriods} onChoose={setChosen} history={history.data} pending={history.isPending} />
    </Suspense>
  );
}
