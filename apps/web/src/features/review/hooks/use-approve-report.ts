import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useAfterReview } from './use-after-review';

export function useApproveReport(unitCode: string, period: string) {
  const onSuccess = useAfterReview(unitCode, period);
  return useMutation({ mutationFn: (version?: number) => api.approveReport(unitCode, period, version), onSuccess });
}
