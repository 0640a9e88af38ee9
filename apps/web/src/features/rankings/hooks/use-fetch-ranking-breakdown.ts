import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

export function useFetchRankingBreakdown(unitCode: string | null, period: string | null) {
  return useQuery({
    queryKey: queryKeys.rankingBreakdown(unitCode ?? '', period ?? ''),
    queryFn: () => api.rankingBreakdown(unitCode as string, period as string),
    enabled: !!unitCode && !!period,
  });
}
