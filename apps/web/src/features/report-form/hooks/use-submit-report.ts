import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

export function useSubmitReport(unitCode: string, period: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version?: number) => api.submitReport(unitCode, period, version),
    onSuccess: (report) => {
      qc.setQueryData(queryKeys.report(unitCode, period), report);
      void qc.invalidateQueries({ queryKey: queryKeys.reportHistory(unitCode, period) });
      void qc.invalidateQueries({ queryKey: queryKeys.allSubmissions() });
    },
  });
}
