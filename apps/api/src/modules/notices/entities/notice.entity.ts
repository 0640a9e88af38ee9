import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

export const NOTICE_KINDS = ['returned', 'approved', 'reopened', 'submitted', 'submitted_digest', 'reminder_before', 'reminder_after', 'late_list', 'nudge'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** pending → sent | skipped (no address, e-mail off, no SMTP) | digest (waits for the daily digest) | failed (retries used up). */
export type EmailState = 'pending' | 'sent' | 'skipped' | 'digest' | 'failed';

/** One notice for one recipient: the in-app inbox row, and the source of its e-mail. */
@Entity('notices')
export class Notice {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 32 })
  kind: NoticeKind;

  @Column({ name: 'unit_code', type: 'varchar', length: 10, nullable: true })
  unitCode: string | null;

  @Column({ name: 'period_id', type: 'varchar', length: 8, nullable: true })
  periodId: string | null;

  @Column({ name: 'text_vi', type: 'text' })
  textVi: string;

  @Column({ name: 'text_en', type: 'text' })
  textEn: string;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  readAt: Date | null;

  @Column({ name: 'email_state', type: 'varchar', length: 10 })
  emailState: EmailState;

  @Column({ name: 'emailed_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  emailedAt: Date | null;
}
