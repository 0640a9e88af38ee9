import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Role, ROLES } from '../entities/user.entity';
import { NoticePreferencesDto } from './notice-preferences.dto';

class CreateUserFields {
  @ApiProperty({ example: 'xa.19894', description: 'Stored in its normal form (NFKC, invisible characters removed, lower case), which must be 3–64 unaccented letters, digits, dot, dash, underscore' })
  @IsString()
  // The service checks the normal form: a full-width or upper-case spelling of a taken name is 409, not 400.
  @MaxLength(256)
  username: string;

  @ApiProperty({ example: 'lúa chín vàng đồng', description: 'At least 10 characters, not the username, not a common password (the server checks; 400 weak_password otherwise)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Cán bộ CCHC xã Quảng Thọ' })
  @IsString()
  @MinLength(1)
  @MaxLength(150)
  displayName: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true, example: ['officer', 'reviewer'], description: 'officer/reviewer/analyst need a unit; a commune cannot be reviewer; administrator alone and without unit' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(ROLES as readonly string[], { each: true })
  roles: Role[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Official code of the unit the account acts for; none for administrators.', example: '19894' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  unitCode?: string | null;
}

export class CreateUserDto extends IntersectionType(CreateUserFields, NoticePreferencesDto) {}
