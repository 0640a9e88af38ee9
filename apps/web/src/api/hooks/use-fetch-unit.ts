import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { queryKeys } from '../query-keys';

export function useFetchUnit(code: string | null | undefined) {
  return useQuery({ queryKey: queryKeys.unit(code ?? ''), queryFn: () => api.unit(code as string), enabled: !!code, staleTime: 10 * 60_000 });
}
