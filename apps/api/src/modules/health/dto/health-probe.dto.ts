import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LiveResponseDto {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  @ApiProperty({ description: 'Seconds since the process started' })
  uptimeSeconds: number;
}

export class ReadyCheckDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why the check is down' })
  error?: string;
}

export class ReadyChecksDto {
  @ApiPropertyOptional({ type: ReadyCheckDto })
  database?: ReadyCheckDto;

  @ApiPropertyOptional({ type: ReadyCheckDto })
  migrations?: ReadyCheckDto;

  @ApiPropertyOptional({ type: ReadyCheckDto })
  queue?: ReadyCheckDto;
}

export class ReadyResponseDto {
  @ApiProperty({ enum: ['ok', 'error'] })
  status: 'ok' | 'error';

  @ApiProperty({ type: ReadyChecksDto })
  checks: ReadyChecksDto;
}
