import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Role, ROLES } from '../entities/user.entity';
import { NoticePreferencesDto } from './notice-preferences.dto';

class UpdateUserFields {
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
}

export class UpdateUserDto extends IntersectionType(UpdateUserFields, NoticePreferencesDto) {}
