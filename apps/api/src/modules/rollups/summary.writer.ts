import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { insertRows } from '../../database/insert-rows';
import { deleteWhereIn } from '../../database/select-rows';
import type { StoredStats } from '@cchc/shared';
import { SummaryCoverage } from './entities/summary-coverage.entity';
import { Summary } from './entities/summary.entity';

export type CoverageRow = Omit<SummaryCoverage, 'unitCode' | 'periodId'>;

/** One unit's stored summary: its stats rows and its coverage. */
export interface UnitSummaryRows {
  unitCode: string;
  stats: StoredStats[];
  coverage: CoverageRow;
}

/**
 * The one place that writes a unit's stored summary (its stats rows and its coverage), always as
 * a whole replacement inside the caller's transaction.
 */
@Injectable()
export class SummaryWriter {
  /** Several units at once (a batched pass): one DELETE per table and multi-row INSERTs across the units. */
  async replaceMany(em: EntityManager, periodId: string, units: UnitSummaryRows[]): Promise<void> {
    if (units.length === 0) return;
    const codes = units.map((u) => u.unitCode);
    await deleteWhereIn(em, 'summaries', { period_id: periodId }, 'unit_code', codes);
    const rows = units.flatMap((u) =>
      u.stats.map((s) =>
        Object.assign(new Summary(), {
          unitCode: u.unitCode,
          periodId,
          indicatorCode: s.code,
          count: s.count,
          sum: s.sum,
          min: s.min,
          max: s.max,
          weightedSum: s.weightedSum,
          weightSum: s.weightSum,
          optionCounts: s.optionCounts,
        }),
      ),
    );
    await insertRows(em, Summary, rows);
    // One row per unit, always all of its columns: an upsert replaces it in one statement, not two.
    const update = em.connection.getMetadata(SummaryCoverage).columns.filter((c) => !c.isPrimary).map((c) => c.databaseName);
    const coverage = units.map((u) => Object.assign(new SummaryCoverage(), { unitCode: u.unitCode, periodId, ...u.coverage }));
    await insertRows(em, SummaryCoverage, coverage, undefined, { key: ['unit_code', 'period_id'], update });
  }
}
