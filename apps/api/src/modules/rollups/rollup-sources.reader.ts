import { DataSource, EntityManager } from 'typeorm';
import type { ChildCoverage, IndicatorStats } from '@cchc/shared';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { UnitsService } from '../units/units.service';
import { selectWhereIn } from '../../database/select-rows';
import { statsFromSummary } from './entities/summary.entity';

/** The reads of stored summaries a rollup pass makes (reports are read through the reports module's ReportReader). */

type Db = DataSource | EntityManager;

/** The stored stats of some (non-commune) units for one period, each tagged with its unit. */
export async function readChildStats(db: Db, periodId: string, unitCodes: string[]): Promise<Array<IndicatorStats & { unitCode: string }>> {
  if (unitCodes.length === 0) return [];
  const rows = await selectWhereIn(
    db,
    'summaries',
    ['unit_code', 'indicator_code', 'count', 'sum', 'min', 'max', 'weighted_sum', 'weight_sum', 'option_counts'],
    { period_id: periodId },
    'unit_code',
    unitCodes,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  // Raw rows converted as the entity's transformers would, into plain objects: a province pass reads
  // ~2,700 of them, and an entity (then two spreads) per row was most of its CPU.
  return rows.map((r) =>
    Object.assign(
      statsFromSummary({
        indicatorCode: String(r['indicator_code']),
        count: Number(r['count']),
        sum: num(r['sum']) as number,
        min: num(r['min']),
        max: num(r['max']),
        weightedSum: num(r['weighted_sum']) as number,
        weightSum: num(r['weight_sum']) as number,
        optionCounts: typeof r['option_counts'] === 'string' ? (JSON.parse(r['option_counts']) as Record<string, number> | null) : null,
      }),
      { unitCode: String(r['unit_code']) },
    ),
  );
}

/**
 * What the stored summaries of some (non-commune) units cover. A unit without a summary yet covers
 * nothing of its communes, which still count as expected.
 */
export async function readChildCoverage(db: Db, units: UnitsService, periodId: string, children: AdminUnit[]): Promise<ChildCoverage[]> {
  if (children.length === 0) return [];
  type Row = { unit_code: string; expected: number | string; reported: number | string };
  const rows = await selectWhereIn<Row>(db, 'summary_coverage', ['unit_code', 'expected', 'reported'], { period_id: periodId }, 'unit_code', children.map((c) => c.code));
  const out: ChildCoverage[] = rows.map((r) => ({ unitCode: r.unit_code, expected: Number(r.expected), reported: Number(r.reported) }));
  const have = new Set(out.map((r) => r.unitCode));
  const uncovered = children.filter((c) => !have.has(c.code));
  for (const c of uncovered) out.push({ unitCode: c.code, expected: await units.communeCount(c), reported: 0 });
  return out;
}
