import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

/** Changes since the report was last submitted (what the reviewer has not seen yet). */
export function useFetchReportDiff(unitCode: string, period: string, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.reportDiff(unitCode, period), queryFn: () => api.reportDiff(unitCode, period), enabled });
}
