import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

/** Reminders sent to each unit under `unitCode` this period (before, after the deadline, "Nhắc nộp"). */
export function useFetchReminders(unitCode: string, period: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.reminders(unitCode, period ?? ''),
    queryFn: () => api.reminders(unitCode, period as string),
    enabled: !!unitCode && !!period,
    refetchInterval: 60_000,
  });
}

/** "Nhắc nộp" one unit (`target`), or every unit under the board's (`target` null). */
export function useNudge(unitCode: string, period: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (target: string | null) => (target ? api.nudge(target, period) : api.nudgeAll(unitCode, period)),
    // A refusal (429: already today) may still mean someone else reminded it: refresh either way.
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.reminders(unitCode, period) }),
  });
}
