import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { queryKeys } from '../query-keys';

/** Outliers and narrative contradictions of one report, as stored at `version` (asked again after each save). */
export function useFetchQuality(unitCode: string, period: string, version: number | undefined) {
  return useQuery({
    queryKey: queryKeys.quality(unitCode, period, version ?? 0),
    queryFn: () => api.quality(unitCode, period),
    enabled: version !== undefined,
    // The previous answer stays on screen while the new version's is fetched: no flicker while typing.
    placeholderData: keepPreviousData,
  });
}

/** "Dữ liệu bất thường": every submitted or approved report under `unitCode` with an outlier. */
export function useFetchQualityUnder(unitCode: string, period: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.qualityUnder(unitCode, period ?? ''),
    queryFn: () => api.qualityUnder(unitCode, period as string),
    enabled: !!unitCode && !!period,
  });
}
