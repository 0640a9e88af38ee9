import { Report } from './entities/report.entity';

/** The row of a report that starts as a draft, however it is started (a save, an import). */
export function newDraftReport(
  unit: { code: string; path: string },
  periodId: string,
  templateVersion: string,
  username: string,
  now: Date,
): Omit<Report, 'id'> {
  return {
    unitCode: unit.code,
    unitPath: unit.path,
    periodId,
    templateVersion,
    status: 'draft',
    version: 1,
    narrative: null,
    returnComment: null,
    submittedAt: null,
    firstSubmittedAt: null,
    approvedAt: null,
    createdAt: now,
    updatedAt: now,
    updatedBy: username,
  };
}
