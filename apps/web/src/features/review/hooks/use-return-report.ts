import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { ReturnReportBody } from '../../../api/schema-types';
import { useAfterReview } from './use-after-review';

export function useReturnReport(unitCode: string, period: string) {
  const onSuccess = useAfterReview(unitCode, period);
  return useMutation({ mutationFn: (body: ReturnReportBody) => api.returnReport(unitCode, period, body), onSuccess });
}
