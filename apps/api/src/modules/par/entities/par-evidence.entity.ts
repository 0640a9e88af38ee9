import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

/** An evidence file's metadata; its bytes live in the evidence store under `sha256`. */
@Entity('par_evidence')
@Index(['roundId', 'unitCode'])
export class ParEvidence {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'round_id', type: 'int' })
  roundId: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 10 })
  unitCode: string;

  /** Sub-criterion code, or "bonus"/"penalty" for an adjustment's evidence. */
  @Column({ name: 'row_code', type: 'varchar', length: 32 })
  rowCode: string;

  @Column({ type: 'varchar', length: 20 })
  stage: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'varchar', length: 100 })
  mime: string;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName: string;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 64 })
  uploadedBy: string;

  @Column({ name: 'uploaded_at', type: 'datetime', transformer: dateOrNull })
  uploadedAt: Date;
}
