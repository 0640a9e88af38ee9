import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

/** The comparison period's summary; a period that was never opened simply has none (null). */
export function useFetchPreviousSummary(unitCode: string | null | undefined, period: string | null | undefined) {
  return useQuery({
    queryKey: [...queryKeys.summary(unitCode ?? '', period ?? ''), 'optional'],
    queryFn: () => api.summary(unitCode as string, period as string).catch(() => null),
    enabled: !!unitCode && !!period,
  });
}
