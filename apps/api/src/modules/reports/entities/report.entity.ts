import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportDocumentFields, StructuredNarrative } from '@cchc/shared';
import { dateOrNull } from '../../../database/columns';

import type { ReportStatus } from '@cchc/shared';

export type { ReportStatus };

/** Narrative sections I–V of the written report. */
export interface ReportNarrative {
  I?: string;
  II?: string;
  III?: string;
  IV?: string;
  V?: string;
}

/** One unit's report for one period, made with one template version. `version` is the optimistic lock. */
@Entity('reports')
@Index(['unitCode', 'periodId'], { unique: true })
@Index(['periodId', 'status'])
export class Report {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 10 })
  unitCode: string;

  /** Copied from the unit so rollups filter a subtree without a join. */
  @Column({ name: 'unit_path', type: 'varchar', length: 64 })
  unitPath: string;

  @Column({ name: 'period_id', type: 'varchar', length: 8 })
  periodId: string;

  @Column({ name: 'template_version', type: 'varchar', length: 16 })
  templateVersion: string;

  @Column({ type: 'varchar', length: 12 })
  status: ReportStatus;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'simple-json', nullable: true })
  narrative: ReportNarrative | null;

  /** Header and signature of the printed document; null = defaults from the unit (defaultDocumentFields).
   * Optional in the type so that code creating reports need not know about documents (the column defaults to NULL). */
  @Column({ type: 'simple-json', nullable: true })
  document?: ReportDocumentFields | null;

  /** Sections I–V as numbered subsections; null = derive from `narrative` (structuredFromTextNarrative). */
  @Column({ name: 'narrative_doc', type: 'simple-json', nullable: true })
  narrativeDoc?: StructuredNarrative | null;

  @Column({ name: 'return_comment', type: 'text', nullable: true })
  returnComment: string | null;

  @Column({ name: 'submitted_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  submittedAt: Date | null;

  /** First submission time: timeliness is judged on it, not on a resubmission after a return. */
  @Column({ name: 'first_submitted_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  firstSubmittedAt: Date | null;

  @Column({ name: 'approved_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  approvedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', transformer: dateOrNull })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 64, nullable: true })
  updatedBy: string | null;
}
