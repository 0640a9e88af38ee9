import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull, numberOrNull } from '../../../database/columns';

/** One PAR Index round of an appraising unit (a province in two tiers, a district in three). */
@Entity('par_rounds')
@Index(['appraisingUnitCode', 'year'])
export class ParRound {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'appraising_unit_code', type: 'varchar', length: 10 })
  appraisingUnitCode: string;

  @Column({ name: 'appraising_unit_path', type: 'varchar', length: 64 })
  appraisingUnitPath: string;

  @Column({ name: 'criteria_version', type: 'varchar', length: 32 })
  criteriaVersion: string;

  @Column({ name: 'deadline_self_assessment', type: 'datetime', transformer: dateOrNull })
  deadlineSelfAssessment: Date;

  @Column({ name: 'deadline_appraisal_1', type: 'datetime', transformer: dateOrNull })
  deadlineAppraisal1: Date;

  @Column({ name: 'deadline_explanation', type: 'datetime', transformer: dateOrNull })
  deadlineExplanation: Date;

  @Column({ name: 'deadline_appraisal_2', type: 'datetime', transformer: dateOrNull })
  deadlineAppraisal2: Date;

  @Column({ name: 'deadline_finalisation', type: 'datetime', transformer: dateOrNull })
  deadlineFinalisation: Date;

  @Column({ name: 'bonus_cap', type: 'double', transformer: numberOrNull })
  bonusCap: number;

  @Column({ name: 'penalty_cap', type: 'double', transformer: numberOrNull })
  penaltyCap: number;

  @Column({ name: 'survey_weight', type: 'double', transformer: numberOrNull })
  surveyWeight: number;

  /** ParBand[] as JSON. */
  @Column({ type: 'text' })
  bands: string;

  /** Stages the deadline job has locked, comma-separated. */
  @Column({ name: 'locked_stages', type: 'varchar', length: 100, default: '' })
  lockedStages: string;

  @Column({ name: 'published_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  publishedAt: Date | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;
}
