import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

/** Two periods compared over the children counted in both; no `withPeriod`: the API's default (a year earlier). */
export function useFetchSummaryComparison(unitCode: string | null | undefined, period: string | null | undefined, withPeriod: string | undefined) {
  return useQuery({
    queryKey: queryKeys.summaryComparison(unitCode ?? '', period ?? '', withPeriod ?? ''),
    queryFn: () => api.summaryComparison(unitCode as string, period as string, withPeriod),
    enabled: !!unitCode && !!period,
    // Keep the table on screen while another period is fetched, instead of a skeleton flash.
    placeholderData: keepPreviousData,
  });
}
