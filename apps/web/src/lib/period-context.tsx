import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useFetchPeriods } from '../api/hooks/use-fetch-periods';
import type { Period } from '../api/schema-types';
import { defaultPeriod } from './default-period';

interface PeriodState {
  periods: Period[];
  /** The period the screens show; null until periods have loaded (or when none is open). */
  periodId: string | null;
  period: Period | null;
  setPeriodId: (id: string) => void;
  isPending: boolean;
  error: unknown;
}

const PeriodContext = createContext<PeriodState | null>(null);
const KEY = 'cchc.period';

export function PeriodProvider({ children }: { children: ReactNode }) {
  const query = useFetchPeriods();
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(KEY));
  const periods = useMemo(() => [...(query.data ?? [])].sort((a, b) => b.endDate.localeCompare(a.endDate)), [query.data]);
  const period = periods.find((p) => p.id === chosen) ?? defaultPeriod(periods);
  const setPeriodId = useCallback((id: string) => {
    localStorage.setItem(KEY, id);
    setChosen(id);
  }, []);
  const value = useMemo(
    () => ({ periods, periodId: period?.id ?? null, period, setPeriodId, isPending: query.isPending, error: query.error }),
    [periods, period, setPeriodId, query.isPending, query.error],
  );
  return <PeriodContext.Provider value={value}>{children}</PeriodContext.Provider>;
}

export function usePeriod(): PeriodState {
  const ctx = useContext(PeriodContext);
  if (!ctx) throw new Error('usePeriod outside PeriodProvider');
  return ctx;
}
