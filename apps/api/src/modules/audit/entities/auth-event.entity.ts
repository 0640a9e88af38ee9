import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

export type AuthEventAction =
  | 'login'
  | 'login_failed'
  | 'login_blocked'
  | 'logout'
  | 'password_change'
  | 'password_reset'
  | 'user_create'
  | 'user_update'
  | 'user_role'
  | 'user_unit'
  | 'user_deactivate'
  | 'user_activate';

export const AUTH_EVENT_ACTIONS: readonly AuthEventAction[] = [
  'login',
  'login_failed',
  'login_blocked',
  'logout',
  'password_change',
  'password_reset',
  'user_create',
  'user_update',
  'user_role',
  'user_unit',
  'user_deactivate',
  'user_activate',
];

/** Who did what to which account, when, from where. Never a password. Never updated, never deleted. */
@Entity('auth_events')
@Index(['at'])
@Index(['targetUsername', 'at'])
export class AuthEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'datetime', transformer: dateOrNull })
  at: Date;

  @Column({ type: 'varchar', length: 32 })
  action: AuthEventAction;

  /** The account acting (null for an anonymous failed login). */
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actor: string | null;

  /** The account acted upon (for a login: the username tried, existing or not). */
  @Column({ name: 'target_user_id', type: 'int', nullable: true })
  targetUserId: number | null;

  @Column({ name: 'target_username', type: 'varchar', length: 64, nullable: true })
  targetUsername: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  /** JSON: what changed (before/after of role, unit, name, active) or why a login failed. */
  @Column({ type: 'text', nullable: true })
  detail: string | null;
}
