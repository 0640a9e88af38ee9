import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

export function useRetryRollup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unitCode, periodId }: { unitCode: string; periodId: string }) => api.retryRollup(unitCode, periodId),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.rollupFailures() }),
  });
}
