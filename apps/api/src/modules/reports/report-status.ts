import type { ReportStatus } from './entities/report.entity';

export const STATUS_LABEL: Record<ReportStatus, { vi: string; en: string }> = {
  draft: { vi: 'Bản nháp', en: 'draft' },
  submitted: { vi: 'Đã nộp', en: 'submitted' },
  returned: { vi: 'Bị trả lại', en: 'returned' },
  approved: { vi: 'Đã duyệt', en: 'approved' },
};

/** The statuses in which the commune may still change values. */
export const EDITABLE: readonly ReportStatus[] = ['draft', 'returned'];
