import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, MaxLength, Min, ValidateIf } from 'class-validator';
import { DateTimeProp, NullableDateTimeProp, NullableStringProp } from '../../../openapi/api-schema';
import { NOTICE_KINDS } from '../entities/notice.entity';

export class NoticeDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: NOTICE_KINDS, enumName: 'NoticeKind' }) kind: string;
  @NullableStringProp() unitCode: string | null;
  @NullableStringProp() periodId: string | null;
  @ApiProperty({ description: "In the reader's language" }) text: string;
  @ApiProperty() textVi: string;
  @ApiProperty() textEn: string;
  @DateTimeProp() createdAt: Date;
  @NullableDateTimeProp() readAt: Date | null;
  @ApiProperty({ enum: ['pending', 'sent', 'skipped', 'digest', 'failed'], description: 'how far its e-mail got' }) emailState: string;
}

export class NoticeListDto {
  @ApiProperty({ type: [NoticeDto] }) items: NoticeDto[];
  @ApiProperty() unread: number;
}

export class UnreadCountDto {
  @ApiProperty() unread: number;
}

export class MarkReadDto {
  @ApiPropertyOptional({ type: [Number], description: 'Notices to mark read (the caller’s own; others are ignored)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids?: number[];

  @ApiPropertyOptional({ description: 'Mark every notice read' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

export class MarkReadResultDto {
  @ApiProperty() changed: number;
  @ApiProperty() unread: number;
}

export class NoticePreferencesDto {
  @NullableStringProp() email: string | null;
  @ApiProperty() emailNotices: boolean;
  @ApiProperty({ enum: ['vi', 'en'] }) locale: 'vi' | 'en';
  @ApiProperty({ description: 'the server can send e-mail (SMTP configured)' }) emailAvailable: boolean;
}

export class UpdateNoticePreferencesDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsEmail({}, { message: 'email: không phải địa chỉ thư điện tử hợp lệ / not a valid e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  emailNotices?: boolean;

  @ApiPropertyOptional({ enum: ['vi', 'en'] })
  @IsOptional()
  @IsIn(['vi', 'en'])
  locale?: 'vi' | 'en';
}

export class ReminderTallyDto {
  @ApiProperty() unitCode: string;
  @ApiProperty({ description: 'reminders sent for this unit and period (before, after the deadline, "Nhắc nộp")' }) count: number;
  @DateTimeProp() lastAt: Date;
  @ApiProperty({ enum: ['before', 'after', 'nudge'] }) lastKind: string;
}

class NudgeSentDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty() recipients: number;
}

class NudgeSkippedDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: ['already_today', 'submitted', 'no_officer'] }) reason: string;
}

export class NudgeResultDto {
  @ApiProperty({ type: [NudgeSentDto] }) sent: NudgeSentDto[];
  @ApiProperty({ type: [NudgeSkippedDto] }) skipped: NudgeSkippedDto[];
}
