import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import type { SaveReportBody } from '../../../api/schema-types';

export function useSaveReport(unitCode: string, period: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveReportBody) => api.saveReport(unitCode, period, body),
    onSuccess: (report) => qc.setQueryData(queryKeys.report(unitCode, period), report),
  });
}
