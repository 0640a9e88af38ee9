import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { queryKeys } from '../query-keys';

/** The template changes only with a deploy; keep it for the session. */
export function useFetchTemplate() {
  return useQuery({ queryKey: queryKeys.template(), queryFn: api.currentTemplate, staleTime: Infinity });
}
