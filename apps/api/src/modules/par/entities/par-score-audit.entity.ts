import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

/**
 * Every score change of a round: who, when, before, after, at which stage. Never updated, never
 * deleted. Its own table: the report audit log is keyed by report period and has no stage.
 */
@Entity('par_score_audit')
@Index(['roundId', 'unitCode'])
export class ParScoreAudit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'round_id', type: 'int' })
  roundId: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 10 })
  unitCode: string;

  /** Sub-criterion code, or null for the sheet as a whole (status, bonus, survey). */
  @Column({ name: 'row_code', type: 'varchar', length: 32, nullable: true })
  rowCode: string | null;

  @Column({ type: 'varchar', length: 32 })
  field: string;

  @Column({ type: 'varchar', length: 20 })
  stage: string;

  @Column({ type: 'varchar', length: 64 })
  actor: string;

  @Column({ type: 'text', nullable: true })
  before: string | null;

  @Column({ type: 'text', nullable: true })
  after: string | null;

  @Column({ type: 'datetime', transformer: dateOrNull })
  at: Date;
}
