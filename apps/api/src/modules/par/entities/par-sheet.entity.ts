import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull, numberOrNull } from '../../../database/columns';

export type ParSheetStatus = 'draft' | 'submitted' | 'appraised' | 'explaining' | 'explained' | 'reappraised' | 'final';

/** One participant commune's sheet in a round. */
@Entity('par_sheets')
@Index('UQ_par_sheets_round_unit', ['roundId', 'unitCode'], { unique: true })
export class ParSheet {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'round_id', type: 'int' })
  roundId: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 10 })
  unitCode: string;

  @Column({ name: 'unit_name', type: 'varchar', length: 150 })
  unitName: string;

  @Column({ type: 'varchar', length: 16 })
  status: ParSheetStatus;

  /** The survey's score, percent 0–100 (entered or imported). */
  @Column({ name: 'survey_percent', type: 'double', nullable: true, transformer: numberOrNull })
  surveyPercent: number | null;

  @Column({ name: 'submitted_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  submittedAt: Date | null;

  @Column({ name: 'finalized_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  finalizedAt: Date | null;

  @Column({ name: 'updated_at', type: 'datetime', transformer: dateOrNull })
  updatedAt: Date;
}
