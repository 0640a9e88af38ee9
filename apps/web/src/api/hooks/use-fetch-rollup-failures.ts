import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { queryKeys } from '../query-keys';

/** Failing rollups change as the reconciler retries them: refresh while the page is open. */
export function useFetchRollupFailures() {
  return useQuery({ queryKey: queryKeys.rollupFailures(), queryFn: api.rollupFailures, refetchInterval: 15_000 });
}
