import { useQuery } from '@tanstack/react-query';
import { call, http } from '../client';
import type { HistorySummary } from '../schema-types';

/** An old period re-aggregated onto today's unit through the 2025 lineage (approved reports only). */
export function useFetchHistorySummary(unitCode: string | null | undefined, oldPeriod: string | null | undefined) {
  return useQuery({
    queryKey: ['summary', unitCode ?? '', oldPeriod ?? '', 'tree-current'],
    queryFn: async () =>
      (await call(
        http.GET('/api/summaries/{unitCode}/{period}', { params: { path: { unitCode: unitCode as string, period: oldPeriod as string }, query: { tree: 'current' } } }),
      )) as HistorySummary,
    enabled: !!unitCode && !!oldPeriod,
    staleTime: 5 * 60_000,
  });
}
