import { ApiProperty } from '@nestjs/swagger';
import { NullableStringProp } from '../../../openapi/api-schema';

export class PeriodResponseDto {
  @ApiProperty({ example: '2023', description: '2023, 2023S1, 2023Q1…' }) id: string;
  @ApiProperty({ enum: ['year', 'semester', 'quarter'], enumName: 'PeriodType' }) type: string;
  @ApiProperty() year: number;
  @ApiProperty({ format: 'date', example: '2022-12-15' }) startDate: string;
  @ApiProperty({ format: 'date', example: '2023-12-14' }) endDate: string;
  @ApiProperty({ format: 'date', example: '2023-12-20' }) deadline: string;
  @ApiProperty({ example: '2023.1', description: 'The template version the period is reported on' }) templateVersion: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'The scoring scheme the period names; null: the newest published for its template' }) scoringVersion: string | null;
  @ApiProperty({ example: 'Năm 2023' }) label: string;
  @ApiProperty({ example: 'Year 2023' }) labelEn: string;
  @NullableStringProp({ example: '7,2', description: 'reminder days before the deadline; null: the server default' }) reminderDays: string | null;
}
