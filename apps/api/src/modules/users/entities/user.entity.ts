import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

export type Role = 'commune_officer' | 'district_reviewer' | 'province_analyst' | 'admin';
export const ROLES: readonly Role[] = ['commune_officer', 'district_reviewer', 'province_analyst', 'admin'];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 150 })
  displayName: string;

  @Column({ type: 'varchar', length: 24 })
  role: Role;

  /** The unit the user acts for; null only for administrators of the whole system. */
  @Column({ name: 'unit_code', type: 'varchar', length: 10, nullable: true })
  unitCode: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;
}
