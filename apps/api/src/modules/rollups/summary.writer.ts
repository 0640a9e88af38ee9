import { Injectable } from '@nestjs/common';
import { EntityManager, ObjectLiteral } from 'typeorm';
import type { StoredStats } from '@cchc/shared';
import { SummaryCoverage } from './entities/summary-coverage.entity';
import { Summary } from './entities/summary.entity';

/** Rows per INSERT: 500 × 10 parameters stays well under MySQL's and SQLite's parameter limits. */
const CHUNK = 500;

export type CoverageRow = Omit<SummaryCoverage, 'unitCode' | 'periodId'>;

/**
 * The one place that writes a unit's stored summary (its stats rows and its coverage), always as
 * a whole replacement inside the caller's transaction.
 */
@Injectable()
export class SummaryWriter {
  async replace(em: EntityManager, unitCode: string, periodId: string, stats: StoredStats[], coverage: CoverageRow): Promise<void> {
    await em.delete(Summary, { unitCode, periodId });
    const rows = stats.map((s) =>
      Object.assign(new Summary(), {
        unitCode,
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
    );
    for (let i = 0; i < rows.length; i += CHUNK) await insertRows(em, Summary, rows.slice(i, i + CHUNK));
    await em.delete(SummaryCoverage, { unitCode, periodId });
    await em.insert(SummaryCoverage, { unitCode, periodId, ...coverage });
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
