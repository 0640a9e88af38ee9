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

  /** In every token as `tv`; bumping it (deactivation, role/unit or password change) revokes every token issued before. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;

  /** Set by an administrator's reset: the account may only change its password until it does. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'password_changed_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  passwordChangedAt: Date | null;
}
