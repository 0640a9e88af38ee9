import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

/** A reviewer's comment on a returned report, on the whole report (indicatorCode null) or on one indicator. */
@Entity('report_comments')
@Index(['reportId', 'createdAt'])
export class ReportComment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ name: 'indicator_code', type: 'varchar', length: 16, nullable: true })
  indicatorCode: string | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 64 })
  author: string;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;
}
