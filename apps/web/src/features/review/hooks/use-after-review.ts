import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import type { Report } from '../../../api/schema-types';

/** A status change moves the board, the summaries and the rankings: refresh them all. */
export function useAfterReview(unitCode: string, period: string) {
  const qc = useQueryClient();
  return (report: Report) => {
    qc.setQueryData(queryKeys.report(unitCode, period), report);
    void qc.invalidateQueries({ queryKey: queryKeys.reportHistory(unitCode, period) });
    void qc.invalidateQueries({ queryKey: queryKeys.reportDiff(unitCode, period) });
    void qc.invalidateQueries({ queryKey: queryKeys.allSubmissions() });
    void qc.invalidateQueries({ queryKey: queryKeys.allSummaries() });
    void qc.invalidateQueries({ queryKey: queryKeys.allRankings() });
  };
}
