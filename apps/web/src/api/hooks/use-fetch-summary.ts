import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { queryKeys } from '../query-keys';

export function useFetchSummary(unitCode: string | null | undefined, period: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.summary(unitCode ?? '', period ?? ''),
    queryFn: () => api.summary(unitCode as string, period as string),
    enabled: !!unitCode && !!period,
  });
}
