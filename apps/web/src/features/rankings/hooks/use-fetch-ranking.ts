import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

export function useFetchRanking(unitCode: string | null | undefined, period: string | null | undefined, scope: 'children' | 'communes') {
  return useQuery({
    queryKey: queryKeys.ranking(unitCode ?? '', period ?? '', scope),
    queryFn: () => api.ranking(unitCode as string, period as string, scope),
    enabled: !!unitCode && !!period,
  });
}
