import type { ReportStatus } from './report-status';

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/**
 * The cards of the submission board: every commune is in exactly one, so they add up to the
 * number of communes. A draft someone has started ("Đang soạn") is not the same as nothing at
 * all ("Chưa nộp").
 */
export const BOARD_CARDS = ['not_started', 'drafting', 'submitted', 'returned', 'approved'] as const;
export type BoardCard = (typeof BOARD_CARDS)[number];

export const BOARD_CARD_LABELS: Readonly<Record<BoardCard, { vi: string; en: string }>> = {
  not_started: { vi: 'Chưa nộp', en: 'not started' },
  drafting: { vi: 'Đang soạn', en: 'drafting' },
  submitted: { vi: 'Chờ duyệt', en: 'awaiting review' },
  returned: { vi: 'Bị trả lại', en: 'returned' },
  approved: { vi: 'Đã duyệt', en: 'approved' },
};

export function boardCardOf(status: ReportStatus | null | undefined): BoardCard {
  if (!status) return 'not_started';
  return status === 'draft' ? 'drafting' : status;
}

/**
 * Whole Vietnam calendar days between the deadline day and the day of `submittedAt`
 * (0 when on or before the deadline): submitted on the 21st for a deadline of the 20th is 1 day late.
 */
export function daysLate(submittedAt: Date, deadlineIsoDate: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(deadlineIsoDate.trim());
  if (!m || Number.isNaN(submittedAt.getTime())) return 0;
  const day = new Date(submittedAt.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
  const diff = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${m[1]}T00:00:00Z`)) / DAY_MS);
  return Math.max(0, diff);
}
