import { DataSource, EntityManager, In } from 'typeorm';
import type { ChildCoverage, IndicatorStats } from '@cchc/shared';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { UnitsService } from '../units/units.service';
import { SummaryCoverage } from './entities/summary-coverage.entity';
import { Summary, statsFromSummary } from './entities/summary.entity';

/** The reads of stored summaries a rollup pass makes (reports are read through the reports module's ReportReader). */

type Db = DataSource | EntityManager;

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
