import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Every refusal's body (common/api-error.ts): the web shows `message` (Vietnamese) or `messageEn`. */
export class ApiErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ description: 'Machine code, e.g. bad_request, not_found, conflict, invalid_credentials', example: 'bad_request' }) error: string;
  @ApiProperty({ description: 'Lý do bằng tiếng Việt' }) message: string;
  @ApiProperty({ description: 'The reason in English' }) messageEn: string;
  @ApiPropertyOptional({ description: 'The field (or indicator code) at fault' }) field?: string;
  @ApiPropertyOptional({ description: 'More about the refusal, e.g. { findings } when a submission is blocked', type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}
