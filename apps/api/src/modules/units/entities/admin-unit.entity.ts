import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UnitLevel } from '@cchc/shared';
import type { TreeId } from '../unit-trees';

/**
 * An administrative unit of one official (GSO) tree. `path` ("/46/477/19894/") makes subtree queries
 * a prefix match, but only within one `tree`: /46/ prefixes both the 2024 and the 2025 tree.
 * A code is unique per validity start, not alone (GSO reuses codes).
 */
@Entity('admin_units')
@Index('UQ_admin_units_code_from', ['code', 'validFrom'], { unique: true })
@Index('IDX_admin_units_tree_path', ['tree', 'path'])
@Index('IDX_admin_units_level_path', ['level', 'path'])
export class AdminUnit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 10 })
  code: string;

  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: UnitLevel;

  @Column({ name: 'parent_code', type: 'varchar', length: 10, nullable: true })
  parentCode: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  path: string;

  @Column({ type: 'int' })
  depth: number;

  @Column({ type: 'varchar', length: 8 })
  tree: TreeId;

  /** YYYY-MM-DD, inclusive. */
  @Column({ name: 'valid_from', type: 'varchar', length: 10 })
  validFrom: string;

  /** YYYY-MM-DD, inclusive; null while in force. */
  @Column({ name: 'valid_to', type: 'varchar', length: 10, nullable: true })
  validTo: string | null;
}
