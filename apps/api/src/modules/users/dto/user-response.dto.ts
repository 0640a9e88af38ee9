import { ApiProperty } from '@nestjs/swagger';
import { DateTimeProp, NullableStringProp, RoleProp } from '../../../openapi/api-schema';

/** An account as administrators see it: never the password hash. */
export class UserResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @RoleProp({ isArray: true }) roles: string[];
  @NullableStringProp() unitCode: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'an administrator reset the password: the user must choose a new one at next login' }) mustChangePassword: boolean;
  @DateTimeProp() createdAt: Date;
}
