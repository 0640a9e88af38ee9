import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IndicatorStats } from '@cchc/shared';
import { numberOrNull } from '../../../database/columns';

/**
 * Composable figures of one indicator over a unit's reporting communes for one period
 * (see IndicatorStats in @cchc/shared): a parent's row is the exact combination of its children's.
 */
@Entity('summaries')
export class Summary {
  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 10 })
  unitCode: string;

  @PrimaryColumn({ name: 'period_id', type: 'varchar', length: 8 })
  periodId: string;

  @PrimaryColumn({ name: 'indicator_code', type: 'varchar', length: 16 })
  indicatorCode: string;

  @Column({ type: 'int' })
  count: number;

  @Column({ type: 'double', transformer: numberOrNull })
  sum: number;

  @Column({ type: 'double', nullable: true, transformer: numberOrNull })
  min: number | null;

  @Column({ type: 'double', nullable: true, transformer: numberOrNull })
  max: number | null;

  @Column({ name: 'weighted_sum', type: 'double', transformer: numberOrNull })
  weightedSum: number;

  @Column({ name: 'weight_sum', type: 'double', transformer: numberOrNull })
  weightSum: number;

  @Column({ name: 'option_counts', type: 'simple-json', nullable: true })
  optionCounts: Record<string, number> | null;
}

/** A stored row as the shared aggregation's composable stats. */
export function statsFromSummary(row: Omit<Summary, 'unitCode' | 'periodId'>): IndicatorStats {
  return {
    code: row.indicatorCode,
    count: row.count,
    sum: row.sum,
    min: row.min,
    max: row.max,
    weightedSum: row.weightedSum,
    weightSum: row.weightSum,
    optionCounts: row.optionCounts ?? {},
  };
}
