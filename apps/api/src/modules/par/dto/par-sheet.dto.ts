import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DateTimeProp, NullableDateTimeProp, NullableNumberProp, NullableStringProp } from '../../../openapi/api-schema';
import { PAR_ROUND_STAGE_VALUES } from './par-round.dto';

export class ParDocumentRefDto {
  @ApiProperty({ example: '12/QĐ-UBND', description: 'Số/ký hiệu' }) @IsString() @Length(1, 60) number: string;
  @ApiProperty({ example: '2025-03-15' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'phải có dạng YYYY-MM-DD' }) date: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) title?: string;
}

export class ParSelfRowDto {
  @ApiProperty({ example: '1.1.2' }) @IsString() @Length(1, 32) code: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsNumber() score?: number | null;
  @ApiPropertyOptional({ description: '"Không áp dụng": its max leaves the denominator (only where the set allows it)' })
  @IsOptional()
  @IsBoolean()
  notApplicable?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(4000) note?: string | null;
  @ApiPropertyOptional({ type: [ParDocumentRefDto] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ParDocumentRefDto) documents?: ParDocumentRefDto[];
  @ApiPropertyOptional({ description: 'Take the score suggested by the approved year report' }) @IsOptional() @IsBoolean() acceptSuggestion?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Required when the score differs from the suggestion' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  overrideReason?: string | null;
}

export class ParSelfAssessmentDto {
  @ApiProperty({ type: [ParSelfRowDto] }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ParSelfRowDto) rows: ParSelfRowDto[];
}

export class ParAppraisalRowDto {
  @ApiProperty({ example: '1.1.2' }) @IsString() @Length(1, 32) code: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsNumber() score?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() notApplicable?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(4000) comment?: string | null;
  @ApiPropertyOptional({ description: 'Ask the commune to explain this row (first appraisal only)' }) @IsOptional() @IsBoolean() requestExplanation?: boolean;
}

export class ParAppraisalDto {
  @ApiProperty({ type: [ParAppraisalRowDto] }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ParAppraisalRowDto) rows: ParAppraisalRowDto[];
}

export class ParExplanationRowDto {
  @ApiProperty() @IsString() @Length(1, 32) code: string;
  @ApiProperty() @IsString() @Length(1, 8000) explanation: string;
}

export class ParExplanationDto {
  @ApiProperty({ type: [ParExplanationRowDto] }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ParExplanationRowDto) rows: ParExplanationRowDto[];
}

export class ParAdjustmentDto {
  @ApiProperty({ enum: ['bonus', 'penalty'] }) @IsIn(['bonus', 'penalty']) kind: 'bonus' | 'penalty';
  @ApiProperty({ example: 1 }) @IsNumber() @Min(0.01) @Max(100) points: number;
  @ApiProperty({ example: 'Sáng kiến CCHC được UBND tỉnh công nhận' }) @IsString() @Length(3, 2000) reason: string;
  @ApiPropertyOptional({ type: [ParDocumentRefDto], description: 'The documents the entry rests on (số/ký hiệu, date, title): its evidence' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ParDocumentRefDto)
  documents?: ParDocumentRefDto[];
}

export class ParSurveyScoreDto {
  @ApiProperty({ example: '19894' }) @Matches(/^\d{1,10}$/, { message: 'phải là mã đơn vị' }) unitCode: string;
  @ApiProperty({ example: 82.5, description: 'Percent 0–100' }) @IsNumber() @Min(0) @Max(100) percent: number;
}

export class ParSurveyDto {
  @ApiProperty({ type: [ParSurveyScoreDto] }) @IsArray() @ArrayMaxSize(20000) @ValidateNested({ each: true }) @Type(() => ParSurveyScoreDto) scores: ParSurveyScoreDto[];
}

export class ParEvidenceResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() rowCode: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mime: string;
  @ApiProperty() size: number;
  @ApiProperty() stage: string;
  @ApiProperty() uploadedBy: string;
  @DateTimeProp() uploadedAt: string;
}

export class ParScorePartDto {
  @NullableNumberProp() score: number | null;
  @ApiProperty() notApplicable: boolean;
  @NullableStringProp() comment: string | null;
}

export class ParSuggestionDto {
  @ApiProperty() points: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } }) inputs: Record<string, number | null>;
  @NullableNumberProp() ratioPercent: number | null;
  @ApiProperty() reasonVi: string;
}

export class ParSheetRowResponseDto {
  @ApiProperty() code: string;
  @ApiProperty() domainCode: string;
  @ApiProperty() criterionCode: string;
  @ApiProperty() title: string;
  @ApiProperty() maxPoints: number;
  @ApiProperty({ enum: ['yesno', 'tiers', 'ratio', 'manual'] }) scoring: 'yesno' | 'tiers' | 'ratio' | 'manual';
  @ApiProperty({ type: [Number], description: 'Allowed scores for yes/no and tiers' }) allowedScores: number[];
  @ApiProperty() notApplicableAllowed: boolean;
  @ApiProperty() evidenceRequired: string;
  @ApiProperty({ type: ParScorePartDto }) self: ParScorePartDto;
  @ApiProperty({ type: [ParDocumentRefDto] }) documents: ParDocumentRefDto[];
  @ApiProperty({ type: ParSuggestionDto, nullable: true }) suggestion: ParSuggestionDto | null;
  @NullableStringProp() overrideReason: string | null;
  @ApiProperty({ type: ParScorePartDto, nullable: true }) appraisal1: ParScorePartDto | null;
  @ApiProperty() explainRequested: boolean;
  @NullableStringProp() explanation: string | null;
  @ApiProperty({ type: ParScorePartDto, nullable: true }) appraisal2: ParScorePartDto | null;
  @ApiProperty({ type: ParScorePartDto }) outcome: ParScorePartDto;
  @ApiProperty({ type: [ParEvidenceResponseDto] }) evidence: ParEvidenceResponseDto[];
}

export class ParDomainTotalDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() max: number;
  @ApiProperty() self: number;
  @ApiProperty() appraised: number;
}

export class ParAdjustmentResponseDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['bonus', 'penalty'] }) kind: 'bonus' | 'penalty';
  @ApiProperty() points: number;
  @ApiProperty() reason: string;
  @ApiProperty({ type: [ParDocumentRefDto] }) documents: ParDocumentRefDto[];
  @ApiProperty() createdBy: string;
  @DateTimeProp() createdAt: string;
}

export class ParAuditEntryDto {
  @NullableStringProp() rowCode: string | null;
  @ApiProperty() field: string;
  @ApiProperty() stage: string;
  @ApiProperty() actor: string;
  @NullableStringProp() before: string | null;
  @NullableStringProp() after: string | null;
  @DateTimeProp() at: string;
}

export const PAR_SHEET_STATUS_VALUES = ['draft', 'submitted', 'appraised', 'explaining', 'explained', 'reappraised', 'final'] as const;

export class ParSheetResponseDto {
  @ApiProperty() roundId: number;
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: PAR_SHEET_STATUS_VALUES, enumName: 'ParSheetStatus' }) status: (typeof PAR_SHEET_STATUS_VALUES)[number];
  @ApiProperty({ enum: PAR_ROUND_STAGE_VALUES, enumName: 'ParRoundStage' }) stage: (typeof PAR_ROUND_STAGE_VALUES)[number];
  @ApiProperty({ description: 'The caller may fill in / explain this sheet now' }) canEdit: boolean;
  @ApiProperty({ description: 'The caller may appraise this sheet now' }) canAppraise: boolean;
  @ApiProperty({ description: "The caller is of the appraising unit (or an administrator): the side-by-side view, editable only while canAppraise" }) appraiserView: boolean;
  @NullableDateTimeProp() submittedAt: string | null;
  @NullableDateTimeProp() finalizedAt: string | null;
  @NullableNumberProp() surveyPercent: number | null;
  @ApiProperty({ type: [ParSheetRowResponseDto] }) rows: ParSheetRowResponseDto[];
  @ApiProperty({ type: [ParDomainTotalDto] }) domains: ParDomainTotalDto[];
  @ApiProperty() selfTotal: number;
  @ApiProperty() appraisedTotal: number;
  @ApiProperty() applicableMax: number;
  @ApiProperty({ type: [ParAdjustmentResponseDto] }) adjustments: ParAdjustmentResponseDto[];
  @ApiProperty({ type: [ParAuditEntryDto], description: "Score changes (the appraising unit and administrators only; empty for the commune)" }) audit: ParAuditEntryDto[];
}
