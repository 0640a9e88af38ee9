import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

/** before / after the deadline, the list to the reviewing unit, or a reviewer's "Nhắc nộp". */
export type ReminderKind = 'before' | 'after' | 'late_list' | 'nudge';

/** One reminder sent for a unit and period on one Vietnam day (unique: unit, period, kind, day). */
@Entity('reminders')
export class Reminder {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 10 })
  unitCode: string;

  @Column({ name: 'period_id', type: 'varchar', length: 8 })
  periodId: string;

  @Column({ type: 'varchar', length: 10 })
  kind: ReminderKind;

  @Column({ name: 'sent_on', type: 'varchar', length: 10 })
  sentOn: string;

  /** Days before (positive) or after (negative) the deadline. */
  @Column({ type: 'int', nullable: true })
  days: number | null;

  @Column({ name: 'sent_by', type: 'varchar', length: 64, nullable: true })
  sentBy: string | null;

  @Column({ type: 'int', default: 0 })
  recipients: number;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;
}
