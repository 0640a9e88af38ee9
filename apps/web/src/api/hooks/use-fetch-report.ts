import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { queryKeys } from '../query-keys';

/** A unit's report for a period; `data` is null while none has been started. */
export function useFetchReport(unitCode: string | null | undefined, period: string | null | undefined, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.report(unitCode ?? '', period ?? ''),
    queryFn: () => api.report(unitCode as string, period as string),
    enabled: !!unitCode && !!period && opts.enabled !== false,
    // While a report waits for review, look now and then for the district's decision.
    refetchInterval: (q) => (q.state.data?.status === 'submitted' ? 60_000 : false),
  });
}
