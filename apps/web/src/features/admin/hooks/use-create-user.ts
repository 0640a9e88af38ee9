import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import type { CreateUserBody } from '../../../api/schema-types';

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: CreateUserBody) => api.createUser(body), onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.users() }) });
}
