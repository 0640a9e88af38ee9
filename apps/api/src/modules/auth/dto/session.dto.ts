import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../users/entities/user.entity';
import type { Role } from '../../users/entities/user.entity';

export class SessionUserDto {
  @ApiProperty()
  id: number;

  @ApiProperty()
  username: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ type: String, nullable: true, description: 'null for administrators' })
  unitCode: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Subtree path such as /46/477/19894/; null = whole system' })
  unitPath: string | null;

  @ApiProperty({ type: String, nullable: true })
  unitName: string | null;
}

/** Answer of login and change-password. */
export class SessionDto {
  @ApiProperty({ description: 'Bearer token (JWT with tv and jti); valid for JWT_TTL unless revoked' })
  accessToken: string;

  @ApiProperty({ description: 'true after an administrator reset: the token then only allows change-password, logout and me' })
  mustChangePassword: boolean;

  @ApiProperty({ type: SessionUserDto })
  user: SessionUserDto;
}

export class MeDto extends SessionUserDto {
  @ApiProperty({ type: String, nullable: true, enum: ['commune', 'district', 'province'] })
  unitLevel: string | null;

  @ApiProperty()
  mustChangePassword: boolean;
}
