import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { queryKeys } from '../query-keys';

export function useFetchPeriods() {
  return useQuery({ queryKey: queryKeys.periods(), queryFn: api.periods, staleTime: 5 * 60_000 });
}
