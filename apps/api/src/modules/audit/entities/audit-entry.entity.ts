import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

export type AuditAction = 'value' | 'note' | 'narrative' | 'document' | 'status' | 'comment';

/** Who changed what, when, from what to what. Never updated, never deleted. */
@Entity('audit_log')
@Index(['reportId', 'at'])
@Index(['unitCode', 'periodId'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'report_id', type: 'int', nullable: true })
  reportId: number | null;

  @Column({ name: 'unit_code', type: 'varchar', length: 10 })
  unitCode: string;

  @Column({ name: 'period_id', type: 'varchar', length: 8 })
  periodId: string;

  @Column({ type: 'varchar', length: 64 })
  actor: string;

  @Column({ type: 'varchar', length: 16 })
  action: AuditAction;

  /** Indicator code, narrative section, or null for a status change. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  field: string | null;

  @Column({ type: 'text', nullable: true })
  before: string | null;

  @Column({ type: 'text', nullable: true })
  after: string | null;

  @Column({ type: 'datetime', transformer: dateOrNull })
  at: Date;
}
