import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numberOrNull } from '../../../database/columns';

/** A document cited instead of (or beside) a file: số/ký hiệu and date. */
export interface ParDocumentRef {
  number: string;
  date: string;
  title?: string;
}

/** One sub-criterion of one sheet: self score, suggestion, both appraisals and the explanation side by side. */
@Entity('par_sheet_rows')
export class ParSheetRow {
  @PrimaryColumn({ name: 'sheet_id', type: 'int' })
  sheetId: number;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ name: 'self_score', type: 'double', nullable: true, transformer: numberOrNull })
  selfScore: number | null;

  @Column({ name: 'self_na', type: 'boolean', default: false })
  selfNa: boolean;

  @Column({ name: 'self_note', type: 'text', nullable: true })
  selfNote: string | null;

  @Column({ type: 'simple-json', nullable: true })
  documents: ParDocumentRef[] | null;

  @Column({ name: 'suggested_score', type: 'double', nullable: true, transformer: numberOrNull })
  suggestedScore: number | null;

  /** The suggestion's inputs and reason (ParSuggestion) when the row has a source. */
  @Column({ type: 'simple-json', nullable: true })
  suggestion: unknown;

  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason: string | null;

  @Column({ name: 'appraisal1_score', type: 'double', nullable: true, transformer: numberOrNull })
  appraisal1Score: number | null;

  @Column({ name: 'appraisal1_na', type: 'boolean', nullable: true })
  appraisal1Na: boolean | null;

  @Column({ name: 'appraisal1_comment', type: 'text', nullable: true })
  appraisal1Comment: string | null;

  @Column({ name: 'explain_requested', type: 'boolean', default: false })
  explainRequested: boolean;

  @Column({ type: 'text', nullable: true })
  explanation: string | null;

  @Column({ name: 'appraisal2_score', type: 'double', nullable: true, transformer: numberOrNull })
  appraisal2Score: number | null;

  @Column({ name: 'appraisal2_na', type: 'boolean', nullable: true })
  appraisal2Na: boolean | null;

  @Column({ name: 'appraisal2_comment', type: 'text', nullable: true })
  appraisal2Comment: string | null;
}
