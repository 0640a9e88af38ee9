import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** Submit / approve: optionally pinned to the version the caller looked at. */
export class TransitionDto {
  @ApiPropertyOptional({ description: 'The version the caller acted on; a stale one gets 409.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

export class ReopenReportDto extends TransitionDto {
  @ApiPropertyOptional({ description: 'Why the approved report is reopened (shown to the commune).' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}
