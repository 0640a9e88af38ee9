import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

export function useFetchUsers() {
  return useQuery({ queryKey: queryKeys.users(), queryFn: api.users });
}
