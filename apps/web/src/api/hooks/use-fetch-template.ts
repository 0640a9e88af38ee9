import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { queryKeys } from '../query-keys';

/**
 * A template version, as the API stores it. A version a report names is published and never
 * changes, so it is fetched once per session and kept (no refetch, no garbage collection).
 * Pass the report's (or period's) version; nothing is fetched until it is known.
 */
export function useFetchTemplate(version: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.template(version ?? ''),
    queryFn: () => api.template(version as string),
    enabled: !!version,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}
