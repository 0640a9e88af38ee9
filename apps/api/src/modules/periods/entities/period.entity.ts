import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reporting period (DHIS2-style id: 2023, 2023S1, 2023Q1, 2023Q3) with its own data window and deadline. */
@Entity('periods')
export class Period {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  id: string;

  @Column({ type: 'varchar', length: 10 })
  type: 'year' | 'semester' | 'quarter';

  @Column({ type: 'int' })
  year: number;

  /** ISO dates (YYYY-MM-DD), inclusive, Vietnam time. */
  @Column({ name: 'start_date', type: 'varchar', length: 10 })
  startDate: string;

  @Column({ name: 'end_date', type: 'varchar', length: 10 })
  endDate: string;

  @Column({ type: 'varchar', length: 10 })
  deadline: string;

  /** Days before the deadline on which officers of units that have not submitted are reminded ("7,2"); null: the default. */
  @Column({ name: 'reminder_days', type: 'varchar', length: 32, nullable: true })
  reminderDays: string | null;

  /** The published template version the period is reported on; fixed once a report exists. */
  @Column({ name: 'template_version', type: 'varchar', length: 32, nullable: true })
  templateVersion: string | null;

  /** The published scoring scheme the period is scored with; null: the newest published for its template. */
  @Column({ name: 'scoring_version', type: 'varchar', length: 32, nullable: true })
  scoringVersion: string | null;
}
