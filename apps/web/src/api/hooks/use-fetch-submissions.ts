import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { queryKeys } from '../query-keys';

export function useFetchSubmissions(unitCode: string | null | undefined, period: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.submissions(unitCode ?? '', period ?? ''),
    queryFn: () => api.submissions(unitCode as string, period as string),
    enabled: !!unitCode && !!period,
    refetchInterval: 60_000,
  });
}
