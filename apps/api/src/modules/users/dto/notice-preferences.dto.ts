import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, MaxLength, ValidateIf } from 'class-validator';

/** How an account receives notices: set on creation and changed by an update, with the same rules both ways. */
export class NoticePreferencesDto {
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
