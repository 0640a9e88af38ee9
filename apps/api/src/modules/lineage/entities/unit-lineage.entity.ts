import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One edge old unit → new unit of a reorganisation. Units are named by (code, valid_from) because
 * GSO reuses codes. An old unit split over several new ones has one edge per part, each `split`;
 * `share` is the part's known fraction, null when the source does not say (never guessed).
 */
@Entity('unit_lineage')
@Index('UQ_unit_lineage_edge', ['oldCode', 'oldValidFrom', 'newCode', 'newValidFrom'], { unique: true })
@Index('IDX_unit_lineage_new', ['newCode', 'newValidFrom'])
export class UnitLineage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'old_code', type: 'varchar', length: 10 })
  oldCode: string;

  @Column({ name: 'old_valid_from', type: 'varchar', length: 10 })
  oldValidFrom: string;

  @Column({ name: 'new_code', type: 'varchar', length: 10 })
  newCode: string;

  @Column({ name: 'new_valid_from', type: 'varchar', length: 10 })
  newValidFrom: string;

  @Column({ type: 'boolean' })
  split: boolean;

  @Column({ type: 'double', nullable: true })
  share: number | null;

  /** How the source matched the old unit when not directly by name in its district. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  via: string | null;
}
