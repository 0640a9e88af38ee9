import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import type { AdminUser, UpdateUserBody } from '../../../api/schema-types';

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: AdminUser['id']; body: UpdateUserBody }) => api.updateUser(id, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.users() }),
  });
}
