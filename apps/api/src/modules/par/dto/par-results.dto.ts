import { ApiProperty } from '@nestjs/swagger';
import { NullableDateTimeProp, NullableNumberProp } from '../../../openapi/api-schema';
import { ParBandDto } from './par-round.dto';
import { PAR_SHEET_STATUS_VALUES } from './par-sheet.dto';

export class ParDomainFigureDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() points: number;
  @ApiProperty() max: number;
  @NullableNumberProp() percent: number | null;
}

export class ParUnitResultDto {
  @ApiProperty() unitCode: string;
  @ApiProperty({ required: false }) unitName?: string;
  @ApiProperty() rank: number;
  @ApiProperty() appraised: number;
  @ApiProperty() applicableMax: number;
  @ApiProperty() bonus: number;
  @ApiProperty() penalty: number;
  @NullableNumberProp() surveyPoints: number | null;
  @ApiProperty() denominator: number;
  @ApiProperty({ description: '(appraised + bonus − penalty + survey points) / denominator × 100' }) index: number;
  @ApiProperty() band: string;
  @ApiProperty({ type: [ParDomainFigureDto] }) domains: ParDomainFigureDto[];
  @ApiProperty() surveyMissing: boolean;
  @NullableNumberProp() previousIndex: number | null;
  @NullableNumberProp() previousRank: number | null;
  @NullableNumberProp() indexChange: number | null;
  @NullableNumberProp() rankChange: number | null;
  @ApiProperty({ enum: PAR_SHEET_STATUS_VALUES, enumName: 'ParSheetStatus' }) status: string;
}

export class ParDomainHeadDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
}

export class ParResultsResponseDto {
  @ApiProperty() roundId: number;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty() published: boolean;
  @NullableDateTimeProp() publishedAt: string | null;
  @NullableNumberProp() previousRoundId: number | null;
  @ApiProperty({ type: [ParBandDto] }) bands: ParBandDto[];
  @ApiProperty({ type: [ParDomainHeadDto] }) domains: ParDomainHeadDto[];
  @ApiProperty({ type: [ParUnitResultDto] }) units: ParUnitResultDto[];
}

export class ParSheetSummaryDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: PAR_SHEET_STATUS_VALUES, enumName: 'ParSheetStatus' }) status: string;
  @NullableDateTimeProp() submittedAt: string | null;
  @NullableDateTimeProp() finalizedAt: string | null;
  @NullableNumberProp() surveyPercent: number | null;
}

export class ParSurveyResultDto {
  @ApiProperty() updated: number;
}
