import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

/** The values as they stood at a status change, so a resubmission can be diffed against what was returned. */
@Entity('report_snapshots')
@Index(['reportId', 'createdAt'])
export class ReportSnapshot {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ type: 'varchar', length: 12 })
  kind: 'submitted' | 'returned' | 'approved' | 'reopened';

  @Column({ name: 'report_version', type: 'int' })
  reportVersion: number;

  @Column({ type: 'simple-json' })
  values: Record<string, number | null>;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;
}
