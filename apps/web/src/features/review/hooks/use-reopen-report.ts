import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useAfterReview } from './use-after-review';

export function useReopenReport(unitCode: string, period: string) {
  const onSuccess = useAfterReview(unitCode, period);
  return useMutation({ mutationFn: ({ reason, version }: { reason: string; version?: number }) => api.reopenReport(unitCode, period, reason, version), onSuccess });
}
