import { useQueries } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import type { Period } from '../../../api/schema-types';

/** The officer's report for each open period (one small request per period; there are a handful). */
export function useFetchMyReports(unitCode: string | null, periods: Period[]) {
  return useQueries({
    queries: periods.map((p) => ({
      queryKey: queryKeys.report(unitCode ?? '', p.id),
      queryFn: () => api.report(unitCode as string, p.id),
      enabled: !!unitCode,
    })),
  });
}
