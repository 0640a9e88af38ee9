import { Injectable } from '@nestjs/common';
import { EntityManager, In, ObjectLiteral } from 'typeorm';
import type { StoredStats } from '@cchc/shared';
import { SummaryCoverage } from './entities/summary-coverage.entity';
import { Summary } from './entities/summary.entity';

/** Rows per INSERT: 500 × 10 parameters stays well under MySQL's and SQLite's parameter limits. */
const CHUNK = 500;

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
  async replace(em: EntityManager, unitCode: string, periodId: string, stats: StoredStats[], coverage: CoverageRow): Promise<void> {
    await this.replaceMany(em, periodId, [{ unitCode, stats, coverage }]);
  }

  /** Several units at once (a batched pass): one DELETE per table and multi-row INSERTs across the units. */
  async replaceMany(em: EntityManager, periodId: string, units: UnitSummaryRows[]): Promise<void> {
    if (units.length === 0) return;
    const codes = units.map((u) => u.unitCode);
    await em.delete(Summary, { unitCode: In(codes), periodId });
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
    for (let i = 0; i < rows.length; i += CHUNK) await insertRows(em, Summary, rows.slice(i, i + CHUNK));
    await em.delete(SummaryCoverage, { unitCode: In(codes), periodId });
    const coverage = units.map((u) => Object.assign(new SummaryCoverage(), { unitCode: u.unitCode, periodId, ...u.coverage }));
    for (let i = 0; i < coverage.length; i += CHUNK) await insertRows(em, SummaryCoverage, coverage.slice(i, i + CHUNK));
  }
}

/**
 * A plain multi-row INSERT (TypeORM's entity insert costs more CPU than the database work here) whose
 * column list and value conversions (transformers, simple-json) come from the entity's metadata, so a
 * column added to the entity is written without touching this.
 */
export async function insertRows<T extends ObjectLiteral>(em: EntityManager, target: new () => T, rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  const meta = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const columns = meta.columns.filter((c) => !c.isGenerated && !c.isVirtual);
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  // TypeORM types entity values as any; they go straight to the driver as bound parameters.
  const params: unknown[] = rows.flatMap((row) => columns.map((c): unknown => (driver.preparePersistentValue(c.getEntityValue(row, true), c) as unknown) ?? null));
  await em.query(
    `INSERT INTO ${driver.escape(meta.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`,
    params,
  );
}
