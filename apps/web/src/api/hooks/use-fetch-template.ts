import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { queryKeys } from '../query-keys';
import { useFetchPeriods } from './use-fetch-periods';

/**
 * A template version, as the API stores it. A version a report names is published and never
 * changes, so it is fetched once per session and kept (no refetch, no garbage collection).
 * Pass the report's (or period's) version; nothing is fetched until it is known.
 */
export function useFetchTemplate(version: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.template(version ?? ''),
    queryFn: () => api.template(version as string),
    enabled: !!version,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/**
 * The template a report page renders: the version the report was made with, or — for a report not
 * started yet (the API answers none) — its period's version.
 */
export function useFetchReportTemplate(report: { isSuccess: boolean; data?: { templateVersion: string } | null }, periodId: string | null | undefined) {
  const periods = useFetchPeriods();
  const periodVersion = periods.data?.find((p) => p.id === periodId)?.templateVersion;
  return useFetchTemplate(report.data ? report.data.templateVersion : report.isSuccess ? periodVersion : undefined);
}
