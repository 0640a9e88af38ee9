import { ApiProperty } from '@nestjs/swagger';
import { NullableStringProp, RoleProp, UNIT_LEVELS } from '../../../openapi/api-schema';

/** The caller as login and /auth/me describe them (the JWT's claims plus the unit's name). */
export class SessionUserDto {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @RoleProp() role: string;
  @NullableStringProp({ description: 'null for administrators' }) unitCode: string | null;
  @NullableStringProp({ description: 'Materialised path of the unit; null = the whole system' }) unitPath: string | null;
  @NullableStringProp() unitName: string | null;
}

export class MeResponseDto extends SessionUserDto {
  @ApiProperty({ enum: UNIT_LEVELS, enumName: 'UnitLevel', nullable: true }) unitLevel: string | null;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Bearer token (short-lived)' }) accessToken: string;
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
}
