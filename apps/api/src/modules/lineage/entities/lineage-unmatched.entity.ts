import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A unit the lineage source could not place: an old commune with no successor found ('old'), or a
 * new commune no old commune was matched to ('new'). Stored with the source's reason so it is
 * shown, not guessed.
 */
@Entity('unit_lineage_unmatched')
@Index('UQ_unit_lineage_unmatched', ['side', 'code', 'validFrom'], { unique: true })
export class LineageUnmatched {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 8 })
  side: 'old' | 'new';

  @Column({ type: 'varchar', length: 10 })
  code: string;

  @Column({ name: 'valid_from', type: 'varchar', length: 10 })
  validFrom: string;

  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ type: 'text' })
  reason: string;

  /** The source's hints (a same-code unit in the other tree, unclaimed candidates), for a human to check. */
  @Column({ type: 'text', nullable: true })
  hint: string | null;
}
