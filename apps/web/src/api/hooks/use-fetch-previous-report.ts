import { useQuery } from '@tanstack/react-query';
import { previousPeriodId } from '@cchc/shared';
import { api } from '../client';
import { queryKeys } from '../query-keys';

/** Last year's report of the same kind, for jump warnings; absent or unreadable simply means no comparison. */
export function useFetchPreviousReport(unitCode: string | undefined, period: string | undefined) {
  const prev = period ? previousPeriodId(period) : null;
  return useQuery({
    queryKey: queryKeys.report(unitCode ?? '', prev ?? ''),
    queryFn: () => api.report(unitCode as string, prev as string).catch(() => null),
    enabled: !!unitCode && !!prev,
    staleTime: 10 * 60_000,
  });
}
