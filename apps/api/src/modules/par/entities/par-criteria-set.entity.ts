import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateOrNull, numberOrNull } from '../../../database/columns';

/** A PAR criteria set by version: a draft may be replaced, a published one never changes. */
@Entity('par_criteria_sets')
export class ParCriteriaSetRow {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  version: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'varchar', length: 10 })
  status: 'draft' | 'published';

  /** The validated document (ParCriteriaSet) as JSON. */
  @Column({ type: 'text' })
  document: string;

  @Column({ name: 'max_points', type: 'double', transformer: numberOrNull })
  maxPoints: number;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  publishedAt: Date | null;
}
