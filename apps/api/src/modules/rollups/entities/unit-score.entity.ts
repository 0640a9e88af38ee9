import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateOrNull, numberOrNull } from '../../../database/columns';

export interface StoredDomainScore {
  code: string;
  points: number;
  max: number;
}

/**
 * A unit's score for one period (commune: its counted report; district, province: the mean of its
 * scored communes), unrounded, and its rank among its siblings. The score columns are written by
 * the pass that reads the unit's sources, the rank columns by its parent's pass.
 */
@Entity('unit_scores')
@Index('IDX_unit_scores_parent', ['periodId', 'parentCode'])
export class UnitScoreRow {
  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 10 })
  unitCode: string;

  @PrimaryColumn({ name: 'period_id', type: 'varchar', length: 8 })
  periodId: string;

  @Column({ name: 'parent_code', type: 'varchar', length: 10, nullable: true })
  parentCode: string | null;

  @Column({ name: 'scheme_version', type: 'varchar', length: 32 })
  schemeVersion: string;

  @Column({ type: 'varchar', length: 10 })
  basis: 'approved' | 'submitted';

  /** Null: nothing scored (a commune without a counted report). */
  @Column({ type: 'double', nullable: true, transformer: numberOrNull })
  total: number | null;

  @Column({ type: 'double', nullable: true, transformer: numberOrNull })
  max: number | null;

  @Column({ type: 'double', nullable: true, transformer: numberOrNull })
  percent: number | null;

  @Column({ type: 'simple-json' })
  domains: StoredDomainScore[];

  /** Communes scored / in the unit (a commune: 1 or 0 of 1). */
  @Column({ type: 'int' })
  scored: number;

  @Column({ type: 'int' })
  expected: number;

  @Column({ type: 'double', transformer: numberOrNull })
  coverage: number;

  @Column({ type: 'int', nullable: true })
  rank: number | null;

  @Column({ type: 'boolean', default: false })
  ranked: boolean;

  @Column({ name: 'below_coverage', type: 'boolean', default: false })
  belowCoverage: boolean;

  /** Rank per domain among the siblings, by domain code. */
  @Column({ name: 'domain_ranks', type: 'simple-json', nullable: true })
  domainRanks: Record<string, number | null> | null;

  @Column({ name: 'computed_at', type: 'datetime', transformer: dateOrNull })
  computedAt: Date;
}
