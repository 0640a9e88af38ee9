import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { queryKeys } from '../query-keys';

export function useFetchReportHistory(unitCode: string, period: string, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.reportHistory(unitCode, period), queryFn: () => api.reportHistory(unitCode, period), enabled });
}
