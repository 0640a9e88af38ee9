import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password in use now' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ description: 'At least 10 characters, not the username, not a common password, not the current one', example: 'lúa chín vàng đồng' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  newPassword: string;
}
