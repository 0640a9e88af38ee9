import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { NullableDateTimeProp } from '../../../openapi/api-schema';

const ISO = { message: 'phải là thời điểm ISO 8601, ví dụ 2026-01-15T17:00:00+07:00' };

export class ParDeadlinesDto {
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }, ISO) self_assessment?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }, ISO) appraisal_1?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }, ISO) explanation?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }, ISO) appraisal_2?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }, ISO) finalisation?: string;
}

export class ParBandDto {
  @ApiProperty({ example: 'Tốt' }) @IsString() @Length(1, 40) name: string;
  @ApiProperty({ example: 90 }) @IsNumber() @Min(0) @Max(100) min: number;
}

export class CreateParRoundDto {
  @ApiProperty({ example: 2025 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) title?: string;
  @ApiProperty({ example: '46', description: 'The province (two tiers) or district (three tiers) that appraises its communes' })
  @Matches(/^\d{1,10}$/, { message: 'phải là mã đơn vị hành chính' })
  appraisingUnitCode: string;
  @ApiProperty({ example: 'hn-5666-demo' }) @IsString() criteriaVersion: string;
  @ApiProperty({ type: ParDeadlinesDto }) @ValidateNested() @Type(() => ParDeadlinesDto) deadlines: ParDeadlinesDto;
  @ApiPropertyOptional({ example: 5 }) @IsOptional() @IsNumber() @Min(0) @Max(100) bonusCap?: number;
  @ApiPropertyOptional({ example: 5 }) @IsOptional() @IsNumber() @Min(0) @Max(100) penaltyCap?: number;
  @ApiPropertyOptional({ example: 32, description: 'Points the survey is worth; 0 = no survey (the appraised part is converted to 100)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  surveyWeight?: number;
  @ApiPropertyOptional({ type: [ParBandDto], description: 'Default: Tốt ≥ 90, Khá ≥ 80, Trung bình ≥ 65, Yếu' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ParBandDto)
  bands?: ParBandDto[];
}

export class ParDeadlinesResponseDto {
  @ApiProperty({ format: 'date-time' }) self_assessment: string;
  @ApiProperty({ format: 'date-time' }) appraisal_1: string;
  @ApiProperty({ format: 'date-time' }) explanation: string;
  @ApiProperty({ format: 'date-time' }) appraisal_2: string;
  @ApiProperty({ format: 'date-time' }) finalisation: string;
}

export const PAR_STAGE_VALUES = ['self_assessment', 'appraisal_1', 'explanation', 'appraisal_2', 'finalisation'] as const;
export const PAR_ROUND_STAGE_VALUES = [...PAR_STAGE_VALUES, 'closed', 'published'] as const;

export class ParRoundResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty() appraisingUnitCode: string;
  @ApiProperty() appraisingUnitName: string;
  @ApiProperty() criteriaVersion: string;
  @ApiProperty() criteriaTitle: string;
  @ApiProperty() demo: boolean;
  @ApiProperty({ type: ParDeadlinesResponseDto }) deadlines: ParDeadlinesResponseDto;
  @ApiProperty({ enum: PAR_STAGE_VALUES, enumName: 'ParStage', isArray: true }) lockedStages: Array<(typeof PAR_STAGE_VALUES)[number]>;
  @ApiProperty({ enum: PAR_ROUND_STAGE_VALUES, enumName: 'ParRoundStage' }) stage: (typeof PAR_ROUND_STAGE_VALUES)[number];
  @ApiProperty() stageLabel: string;
  @ApiProperty() bonusCap: number;
  @ApiProperty() penaltyCap: number;
  @ApiProperty() surveyWeight: number;
  @ApiProperty({ type: [ParBandDto] }) bands: ParBandDto[];
  @NullableDateTimeProp() publishedAt: string | null;
  @ApiProperty() participants: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) sheetsByStatus: Record<string, number>;
  @ApiProperty() canRun: boolean;
}
