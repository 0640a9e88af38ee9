import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { normalizeRoles, parseRoles, serializeRoles, type Role } from '@cchc/shared';
import { dateOrNull } from '../../../database/columns';

export { ROLES, type Role } from '@cchc/shared';

/** users.roles is a canonical comma list (see migration 1765100000000-user-roles for why). */
const roleList = {
  to: (v: Role[] | undefined) => (v === undefined ? undefined : serializeRoles(v)),
  // After an insert TypeORM hands back the value it wrote (already an array) as well as raw column text.
  from: (v: string | Role[] | null) => (Array.isArray(v) ? normalizeRoles(v) : parseRoles(v)),
};

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

  /** What the account may do for its unit (several at once, e.g. officer + reviewer of a district). */
  @Column({ type: 'varchar', length: 64, default: '', transformer: roleList })
  roles: Role[];

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

  /** Where notices are e-mailed; null: in-app only. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** The user's choice to receive notices by e-mail as well (in-app always). */
  @Column({ name: 'email_notices', type: 'boolean', default: true })
  emailNotices: boolean;

  /** Language of notices and e-mails: Vietnamese unless the user chose English. */
  @Column({ type: 'varchar', length: 2, default: 'vi' })
  locale: 'vi' | 'en';
}
