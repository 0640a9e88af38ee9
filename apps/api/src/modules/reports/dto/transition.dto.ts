import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** Submit / approve: optionally pinned to the version the caller looked at. */
export class TransitionDto {
  @ApiPropertyOptional({ description: 'The version the caller acted on; a stale one gets 409.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

/** A reopened report goes back to a commune that had finished: it must be told why. */
export class ReopenReportDto extends TransitionDto {
  @ApiProperty({ description: 'Why the approved report is reopened (required; shown to the commune on its banner and in the history).', example: 'Mở lại để bổ sung số liệu quý IV.' })
  @IsString({ message: 'Cần ghi lý do mở lại báo cáo (đơn vị lập báo cáo sẽ thấy lý do này).' })
  @MaxLength(4000, { message: 'Lý do mở lại dài quá 4000 ký tự.' })
  reason: string;
}
