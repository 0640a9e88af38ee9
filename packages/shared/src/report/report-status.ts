/** Lifecycle of one unit's report for one period: DRAFT → SUBMITTED → APPROVED, with RETURNED back to the commune. */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Readonly<Record<ReportStatus, { vi: string; en: string }>> = {
  draft: { vi: 'Bản nháp', en: 'draft' },
  submitted: { vi: 'Đã nộp', en: 'submitted' },
  returned: { vi: 'Bị trả lại', en: 'returned' },
  approved: { vi: 'Đã duyệt', en: 'approved' },
};

/** The statuses in which the commune (a save or an import) may still change values; submitted and approved figures belong to the review. */
export const EDITABLE_STATUSES = ['draft', 'returned'] as const satisfies readonly ReportStatus[];
export type EditableStatus = (typeof EDITABLE_STATUSES)[number];

/** Narrows to the editable statuses, so the negative branch keeps 'submitted' | 'approved'. */
export function isEditableStatus(status: string): status is EditableStatus {
  return (EDITABLE_STATUSES as readonly string[]).includes(status);
}

export function isReportStatus(s: unknown): s is ReportStatus {
  return typeof s === 'string' && (REPORT_STATUSES as readonly string[]).includes(s);
}

/** Lifecycle of a template version or scoring scheme: a draft an administrator edits, then published and never changed. */
export type InstrumentStatus = 'draft' | 'published';
export const INSTRUMENT_STATUS_LABELS: Readonly<Record<InstrumentStatus, { vi: string; en: string }>> = {
  draft: REPORT_STATUS_LABELS.draft,
  published: { vi: 'Đã ban hành', en: 'published' },
};
