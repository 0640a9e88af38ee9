import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Role, ROLES } from '../entities/user.entity';

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(150)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role', isArray: true, example: ['officer', 'reviewer'], description: 'officer/reviewer/analyst need a unit; a commune cannot be reviewer; administrator alone and without unit' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(ROLES as readonly string[], { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null for administrators' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(10)
  unitCode?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'A new password (reset by the administrator): same policy as on creation; the owner must change it at the next login' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'canbo@quangtho.gov.vn', description: 'Where notices are e-mailed; null: in-app only' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsEmail({}, { message: 'email: không phải địa chỉ thư điện tử hợp lệ / not a valid e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ description: 'Also receive notices by e-mail (default true)' })
  @IsOptional()
  @IsBoolean()
  emailNotices?: boolean;

  @ApiPropertyOptional({ enum: ['vi', 'en'], description: 'Language of notices and e-mails (default vi)' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  locale?: 'vi' | 'en';
}
