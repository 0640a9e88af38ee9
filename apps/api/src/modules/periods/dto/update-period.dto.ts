import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class UpdatePeriodDto {
  @ApiPropertyOptional({ example: '2022-12-15' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'startDate must be YYYY-MM-DD' })
  startDate?: string;

  @ApiPropertyOptional({ example: '2023-12-14' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'endDate must be YYYY-MM-DD' })
  endDate?: string;

  @ApiPropertyOptional({ example: '2023-12-20' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'deadline must be YYYY-MM-DD' })
  deadline?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '7,2', description: 'Days before the deadline on which units not yet submitted are reminded; null: the server default (REMINDER_DAYS)' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Matches(/^\s*\d{1,3}\s*(,\s*\d{1,3}\s*)*$/, { message: 'reminderDays must be a comma list of days, e.g. 7,2' })
  reminderDays?: string | null;

  @ApiPropertyOptional({ example: '2023.1', description: 'A published template version; default when the period is opened: the newest published. Fixed once a report exists (409).' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  templateVersion?: string;

  @ApiPropertyOptional({ example: '2023.2', description: 'A published scoring scheme for the period\'s template version; absent: the newest published for it (so a newly published scheme is used by the next rollup)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  scoringVersion?: string;
}
