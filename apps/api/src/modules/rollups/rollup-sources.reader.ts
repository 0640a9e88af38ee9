import { DataSource, EntityManager, In } from 'typeorm';
import type { ChildCoverage, CommuneReportValues, IndicatorStats, ReportValues } from '@cchc/shared';
import { Report, ReportStatus } from '../reports/entities/report.entity';
import { ReportValue } from '../reports/entities/report-value.entity';
import { loadReportValues } from '../reports/report.store';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { UnitsService } from '../units/units.service';
import { SummaryCoverage } from './entities/summary-coverage.entity';
import { Summary, statsFromSummary } from './entities/summary.entity';

/**
 * The reads a rollup pass makes. Each is a plain function of the database so it can move to the
 * store that owns the table (the commune reports' read belongs with the reports store).
 */

type Db = DataSource | EntityManager;

/**
 * The counted reports of some communes for one period with their non-blank values, in one query
 * (a join, not reports-then-values: this runs on every pass of every district). A counted report
 * without values is still returned: its commune counts as reported.
 */
export async function readCountedCommuneValues(
  db: Db,
  periodId: string,
  communeCodes: string[],
  statuses: ReportStatus[],
): Promise<Array<CommuneReportValues & { templateVersion: string }>> {
  if (communeCodes.length === 0) return [];
  const rows = await db
    .getRepository(Report)
    .createQueryBuilder('r')
    .leftJoin(ReportValue, 'v', 'v.reportId = r.id AND v.value IS NOT NULL')
    .select('r.id', 'r')
    .addSelect('r.unitCode', 'u')
    .addSelect('r.templateVersion', 't')
    .addSelect('v.indicatorCode', 'c')
    .addSelect('v.value', 'v')
    .where('r.periodId = :periodId', { periodId })
    .andWhere('r.status IN (:...statuses)', { statuses })
    .andWhere('r.unitCode IN (:...codes)', { codes: communeCodes })
    .getRawMany<{ r: number; u: string; t: string; c: string | null; v: number | string | null }>();
  // The template version goes with the values: a commune's score reads them by its own template.
  const byReport = new Map<number, { unitCode: string; templateVersion: string; values: ReportValues }>();
  for (const row of rows) {
    const id = Number(row.r);
    let report = byReport.get(id);
    if (!report) byReport.set(id, (report = { unitCode: row.u, templateVersion: row.t, values: {} }));
    if (row.c !== null && row.v !== null) report.values[row.c] = Number(row.v);
  }
  return [...byReport.values()];
}

/**
 * A unit's own report for one period (a district's or province's own rows), its values only when
 * `counted` says the basis counts its status: a draft is not a figure to show beside a consolidation.
 */
export async function readOwnReport(
  db: Db,
  unitCode: string,
  periodId: string,
  counted: readonly ReportStatus[],
): Promise<{ status: ReportStatus; version: number; counted: boolean; values: ReportValues } | null> {
  const report = await db.getRepository(Report).findOne({ where: { unitCode, periodId }, select: { id: true, status: true, version: true } });
  if (!report) return null;
  const isCounted = counted.includes(report.status);
  const values = isCounted ? ((await loadReportValues(db, [report.id])).get(report.id) ?? {}) : {};
  return { status: report.status, version: report.version, counted: isCounted, values };
}

/** Where the unit's own report stands (status and version, one indexed read): part of its summary's tag. */
export async function readOwnReportState(db: Db, unitCode: string, periodId: string): Promise<[ReportStatus, number] | null> {
  const report = await db.getRepository(Report).findOne({ where: { unitCode, periodId }, select: { id: true, status: true, version: true } });
  return report ? [report.status, report.version] : null;
}

/** The stored stats of some (non-commune) units for one period, each tagged with its unit. */
export async function readChildStats(db: Db, periodId: string, unitCodes: string[]): Promise<Array<IndicatorStats & { unitCode: string }>> {
  if (unitCodes.length === 0) return [];
  const rows = await db.getRepository(Summary).find({ where: { periodId, unitCode: In(unitCodes) } });
  return rows.map((r) => ({ ...statsFromSummary(r), unitCode: r.unitCode }));
}

/**
 * What the stored summaries of some (non-commune) units cover. A unit without a summary yet covers
 * nothing of its communes, which still count as expected.
 */
export async function readChildCoverage(db: Db, units: UnitsService, periodId: string, children: AdminUnit[]): Promise<ChildCoverage[]> {
  if (children.length === 0) return [];
  const rows = await db.getRepository(SummaryCoverage).find({ where: { periodId, unitCode: In(children.map((c) => c.code)) } });
  const have = new Set(rows.map((r) => r.unitCode));
  const uncovered = children.filter((c) => !have.has(c.code));
  const out: ChildCoverage[] = rows.map((r) => ({ unitCode: r.unitCode, expected: r.expected, reported: r.reported }));
  for (const c of uncovered) out.push({ unitCode: c.code, expected: await units.communeCount(c), reported: 0 });
  return out;
}
