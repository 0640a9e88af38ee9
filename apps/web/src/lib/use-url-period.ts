import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { usePeriod } from './period-context';

/**
 * Keeps a page whose address names a period (/reports/19870/2023) in step with the period picker:
 * opening the address selects its period, and picking another period moves to its address.
 */
export function useUrlPeriod(urlPeriod: string, pathFor: (period: string) => string): void {
  const { periodId, periods, setPeriodId } = usePeriod();
  const navigate = useNavigate();
  const synced = useRef(false);
  const pathRef = useRef(pathFor);
  // Kept current after render (not during it), so the effect below always builds today's path.
  useEffect(() => {
    pathRef.current = pathFor;
  });
  useEffect(() => {
    if (!periodId) return;
    if (!synced.current) {
      synced.current = true;
      if (periodId !== urlPeriod && periods.some((p) => p.id === urlPeriod)) setPeriodId(urlPeriod);
      return;
    }
    if (periodId !== urlPeriod) void navigate(pathRef.current(periodId));
  }, [periodId, urlPeriod, periods, setPeriodId, navigate]);
}
