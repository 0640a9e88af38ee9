import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { TransitionDto } from './transition.dto';

export class ReturnReportDto extends TransitionDto {
  @ApiProperty({ description: 'What the commune must fix.', example: 'Chỉ tiêu 3.4.3 và 3.4.4 vượt quá 100%, đề nghị kiểm tra lại.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  comment: string;

  @ApiPropertyOptional({
    description: 'A comment per indicator code.',
    example: { '3.4.3': 'Tỷ lệ không thể vượt 100%.' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsObject()
  indicatorComments?: Record<string, unknown>;
}
