import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numberOrNull } from '../../../database/columns';

/** One indicator value of a report. A blank value has no row (or a null value with a note). */
@Entity('report_values')
export class ReportValue {
  @PrimaryColumn({ name: 'report_id', type: 'int' })
  reportId: number;

  @PrimaryColumn({ name: 'indicator_code', type: 'varchar', length: 16 })
  indicatorCode: string;

  @Column({ type: 'double', nullable: true, transformer: numberOrNull })
  value: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
