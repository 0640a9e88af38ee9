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
  @NullableStringProp() email: string | null;
  @ApiProperty({ description: 'receives notices by e-mail as well' }) emailNotices: boolean;
  @ApiProperty({ enum: ['vi', 'en'] }) locale: 'vi' | 'en';
}
