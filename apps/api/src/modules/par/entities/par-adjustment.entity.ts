import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull, numberOrNull } from '../../../database/columns';
import type { ParDocumentRef } from './par-sheet-row.entity';

/** A bonus or penalty entry for one commune, with its reason; the round caps their sums. */
@Entity('par_adjustments')
@Index(['roundId', 'unitCode'])
export class ParAdjustment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'round_id', type: 'int' })
  roundId: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 10 })
  unitCode: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'bonus' | 'penalty';

  @Column({ type: 'double', transformer: numberOrNull })
  points: number;

  @Column({ type: 'text' })
  reason: string;

  /** The documents the entry rests on (its evidence); null for none. */
  @Column({ type: 'simple-json', nullable: true })
  documents: ParDocumentRef[] | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;
}
