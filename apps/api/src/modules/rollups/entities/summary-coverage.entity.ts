import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

/** Who is counted in a unit's summary: reporting communes / expected, which are missing, as of when. */
@Entity('summary_coverage')
export class SummaryCoverage {
  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 10 })
  unitCode: string;

  @PrimaryColumn({ name: 'period_id', type: 'varchar', length: 8 })
  periodId: string;

  /** Communes (leaf units) in the subtree. */
  @Column({ type: 'int' })
  expected: number;

  /** Communes whose report counts (approved, or submitted too when ROLLUP_BASIS=submitted). */
  @Column({ type: 'int' })
  reported: number;

  /** Direct children of the unit, and how many of them have full or partial coverage. */
  @Column({ name: 'children_expected', type: 'int' })
  childrenExpected: number;

  @Column({ name: 'children_reported', type: 'int' })
  childrenReported: number;

  /** Codes of direct children with nothing counted (a district lists its missing communes). */
  @Column({ name: 'missing_children', type: 'simple-json' })
  missingChildren: string[];

  @Column({ type: 'varchar', length: 10 })
  basis: 'approved' | 'submitted';

  @Column({ name: 'as_of', type: 'datetime', transformer: dateOrNull })
  asOf: Date;
}
