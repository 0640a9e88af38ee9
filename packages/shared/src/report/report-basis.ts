import type { ReportStatus } from './report-status';

/**
 * Which reports a figure counts: "approved" (the reviewed figures, the default), "submitted"
 * (also those sent but not yet reviewed) or, for exports only, "all" (drafts too).
 * Summaries (ROLLUP_BASIS), rankings and exports all read it here.
 */
export type ReportBasis = 'approved' | 'submitted' | 'all';

const COUNTED: Readonly<Record<ReportBasis, readonly ReportStatus[]>> = {
  approved: ['approved'],
  submitted: ['submitted', 'approved'],
  all: ['draft', 'returned', 'submitted', 'approved'],
};

/** The statuses whose reports count under `basis`. */
export function countedStatuses(basis: ReportBasis): ReportStatus[] {
  return [...COUNTED[basis]];
}

export function isCounted(basis: ReportBasis, status: ReportStatus): boolean {
  return COUNTED[basis].includes(status);
}

/**
 * Whether a status change moves the figures counted under `basis`: approving or reopening
 * always does; submitting or returning only when submitted reports count.
 */
export function transitionAffectsBasis(basis: ReportBasis, from: ReportStatus, to: ReportStatus): boolean {
  return isCounted(basis, from) !== isCounted(basis, to);
}
