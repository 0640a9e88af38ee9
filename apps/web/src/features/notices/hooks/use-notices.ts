import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

const PAGE = 30;

/** The bell's count: modest polling (a minute) and again whenever the window regains focus. */
export function useUnreadNotices() {
  return useQuery({
    queryKey: queryKeys.unreadNotices(),
    queryFn: () => api.unreadNotices(),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

/** The inbox, newest first, a page at a time (paged by the oldest id shown). */
export function useNoticeList(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.notices(), 'list', unreadOnly],
    queryFn: ({ pageParam }) => api.notices({ unread: unreadOnly, limit: PAGE, before: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.items.length < PAGE ? undefined : last.items[last.items.length - 1]?.id),
    refetchOnWindowFocus: true,
  });
}

export function useMarkNoticesRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids?: number[]; all?: boolean }) => api.markNoticesRead(body),
    onSuccess: (res) => {
      qc.setQueryData(queryKeys.unreadNotices(), { unread: res.unread });
      return qc.invalidateQueries({ queryKey: queryKeys.notices() });
    },
  });
}

export function useNoticePreferences() {
  return useQuery({ queryKey: queryKeys.noticePreferences(), queryFn: () => api.noticePreferences() });
}

export function useSaveNoticePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email?: string | null; emailNotices?: boolean; locale?: 'vi' | 'en' }) => api.setNoticePreferences(body),
    onSuccess: (prefs) => qc.setQueryData(queryKeys.noticePreferences(), prefs),
  });
}
