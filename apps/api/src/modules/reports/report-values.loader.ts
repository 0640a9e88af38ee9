import { DataSource, EntityManager, In } from 'typeorm';
import type { ReportValues } from '@cchc/shared';
import { ReportValue } from './entities/report-value.entity';

/** Keeps IN lists well under every driver's bound-parameter limit. */
const CHUNK = 1000;

/** The values of many reports at once (one query per thousand reports, never one per report). */
export async function loadReportValues(db: DataSource | EntityManager, reportIds: number[]): Promise<Map<number, ReportValues>> {
  const out = new Map<number, ReportValues>();
  const repo = db.getRepository(ReportValue);
  for (let i = 0; i < reportIds.length; i += CHUNK) {
    const rows = await repo.find({
      where: { reportId: In(reportIds.slice(i, i + CHUNK)) },
      select: { reportId: true, indicatorCode: true, value: true },
    });
    for (const v of rows) {
      let m = out.get(v.reportId);
      if (!m) out.set(v.reportId, (m = {}));
      m[v.indicatorCode] = v.value;
    }
  }
  return out;
}
