import { ApiProperty } from '@nestjs/swagger';
import { AUTH_EVENT_ACTIONS, AuthEventAction } from '../entities/auth-event.entity';

export class AuthEventDto {
  @ApiProperty()
  id: number;

  @ApiProperty({ type: String, format: 'date-time' })
  at: Date;

  @ApiProperty({ enum: AUTH_EVENT_ACTIONS })
  action: AuthEventAction;

  @ApiProperty({ type: Number, nullable: true })
  actorId: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Username of the account acting; null for an anonymous failed login' })
  actor: string | null;

  @ApiProperty({ type: Number, nullable: true })
  targetUserId: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Account acted upon (for a login: the username tried)' })
  targetUsername: string | null;

  @ApiProperty({ type: String, nullable: true })
  ip: string | null;

  @ApiProperty({ type: Object, nullable: true, description: 'What changed (before/after) or why a login failed; never a password' })
  detail: Record<string, unknown> | null;
}
