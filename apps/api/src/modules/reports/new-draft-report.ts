import type { ReportStatus } from '@cchc/shared';
import { Report } from './entities/report.entity';

/**
 * The row of a report as the workflow leaves it in `status` at `now` (submitted and approved
 * stamped then): what the bulk seeders (demo data, fixtures, benchmarks) hand to `ReportStore.insertSeed`.
 */
export function reportRow(
  unit: { code: string; path: string },
  periodId: string,
  templateVersion: string,
  status: ReportStatus,
  username: string,
  now: Date,
): Omit<Report, 'id'> {
  const submitted = status === 'draft' ? null : now;
  return {
    unitCode: unit.code,
    unitPath: unit.path,
    periodId,
    templateVersion,
    status,
    version: 1,
    narrative: null,
    returnComment: null,
    submittedAt: submitted,
    firstSubmittedAt: submitted,
    approvedAt: status === 'approved' ? now : null,
    createdAt: now,
    updatedAt: now,
    updatedBy: username,
  };
}

/** The row of a report that starts as a draft, however it is started (a save, an import). */
export function newDraftReport(
  unit: { code: string; path: string },
  periodId: string,
  templateVersion: string,
  username: string,
  now: Date,
): Omit<Report, 'id'> {
  return reportRow(unit, periodId, templateVersion, 'draft', username, now);
}
