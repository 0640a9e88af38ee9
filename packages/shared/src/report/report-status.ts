/** Lifecycle of one unit's report for one period: DRAFT → SUBMITTED → APPROVED, with RETURNED back to the commune. */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** On a submissions board a unit may have no report yet: 'missing' is a submission status, never a report's. */
export type SubmissionStatus = ReportStatus | 'missing';

/**
 * The one vocabulary of statuses: every screen, export, document and message says these words (the
 * API's exports, the DOCX, the web's i18n all read them from here; no other status label exists).
 */
export const REPORT_STATUS_LABELS: Readonly<Record<SubmissionStatus, { vi: string; en: string }>> = {
  draft: { vi: 'Đang soạn', en: 'Drafting' },
  submitted: { vi: 'Đã nộp', en: 'Submitted' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  missing: { vi: 'Chưa có báo cáo', en: 'No report' },
};

/** A district's or province's row in a pivot or ranking: how many of its communes its figures cover. */
export type CoverageStatus = 'complete' | 'partial' | 'none' | 'not_rolled_up';

export const COVERAGE_STATUS_LABELS: Readonly<Record<CoverageStatus, { vi: string; en: string }>> = {
  complete: { vi: 'Đủ số liệu', en: 'Complete' },
  partial: { vi: 'Thiếu số liệu', en: 'Partial' },
  none: { vi: 'Không có số liệu', en: 'No data' },
  not_rolled_up: { vi: 'Chưa tổng hợp', en: 'Not rolled up yet' },
};

/** The label of a row status in an export: a report's status, a missing report, or a group's coverage. */
export function rowStatusLabel(status: SubmissionStatus | CoverageStatus, lang: 'vi' | 'en' = 'vi'): string {
  return (status in COVERAGE_STATUS_LABELS ? COVERAGE_STATUS_LABELS[status as CoverageStatus] : REPORT_STATUS_LABELS[status as SubmissionStatus])[lang];
}

export function statusLabel(status: SubmissionStatus, lang: 'vi' | 'en' = 'vi'): string {
  return REPORT_STATUS_LABELS[status][lang];
}

/** Every label in one language, keyed by status (for i18n resources and export writers). */
export function statusLabels(lang: 'vi' | 'en'): Record<SubmissionStatus, string> {
  return Object.fromEntries(Object.entries(REPORT_STATUS_LABELS).map(([k, v]) => [k, v[lang]])) as Record<SubmissionStatus, string>;
}

export type ReportAction = 'submit' | 'approve' | 'return' | 'reopen';

export interface ReportTransition {
  from: readonly ReportStatus[];
  to: ReportStatus;
  /** The verb, for messages such as "Không thể duyệt báo cáo: …". */
  vi: string;
  en: string;
}

/**
 * The report's lifecycle as data: DRAFT → SUBMITTED → APPROVED, SUBMITTED → RETURNED → SUBMITTED, and
 * APPROVED → RETURNED on reopening (a reopened report goes back to the commune to be corrected and
 * submitted again; the reviewer's reason is its return comment, and it leaves the summaries until
 * re-approved). The API enforces it; the web shows only the buttons it allows.
 */
export const REPORT_TRANSITIONS: Readonly<Record<ReportAction, ReportTransition>> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', vi: 'nộp báo cáo', en: 'submit the report' },
  approve: { from: ['submitted'], to: 'approved', vi: 'duyệt báo cáo', en: 'approve the report' },
  return: { from: ['submitted'], to: 'returned', vi: 'trả lại báo cáo', en: 'return the report' },
  reopen: { from: ['approved'], to: 'returned', vi: 'mở lại báo cáo', en: 'reopen the report' },
};

/** Whether `action` may be taken on a report in `status`. */
export function canTransition(status: ReportStatus, action: ReportAction): boolean {
  return REPORT_TRANSITIONS[action].from.includes(status);
}

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
  published: { vi: 'Đã ban hành', en: 'Published' },
};
