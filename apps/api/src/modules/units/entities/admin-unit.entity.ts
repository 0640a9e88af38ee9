import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UnitLevel } from '@cchc/shared';

/** An administrative unit of the official (GSO) tree. `path` ("/46/477/19894/") makes subtree queries a prefix match. */
@Entity('admin_units')
export class AdminUnit {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
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
}
