import { ApiProperty } from '@nestjs/swagger';
import { NullableStringProp, RoleProp, UNIT_LEVELS } from '../../../openapi/api-schema';

/** The caller as login and /auth/me describe them (the JWT's claims plus the unit's name). */
export class SessionUserDto {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @RoleProp({ isArray: true, description: 'every role held for the unit' }) roles: string[];
  @NullableStringProp({ description: 'null for administrators' }) unitCode: string | null;
  @NullableStringProp({ description: 'Materialised path of the unit; null = the whole system' }) unitPath: string | null;
  @NullableStringProp() unitName: string | null;
  @ApiProperty({ enum: UNIT_LEVELS, enumName: 'UnitLevel', nullable: true, description: 'null for administrators' }) unitLevel: string | null;
}

export class MeResponseDto extends SessionUserDto {
  @ApiProperty({ description: 'true after an administrator reset: only change-password, logout and me are allowed' })
  mustChangePassword: boolean;
}

/** Answer of login and change-password. */
export class LoginResponseDto {
  @ApiProperty({ description: 'Bearer token (JWT with tv and jti); valid for JWT_TTL unless revoked' }) accessToken: string;
  @ApiProperty({ description: 'true after an administrator reset: the token then only allows change-password, logout and me' })
  mustChangePassword: boolean;
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
}
