import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import type { UpdatePeriodBody } from '../../../api/schema-types';

export function useUpdatePeriod() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePeriodBody }) => api.updatePeriod(id, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.periods() }),
  });
}
