import { ApiProperty } from '@nestjs/swagger';
import { NullableStringProp, UnitLevelProp } from '../../../openapi/api-schema';
import type { IndicatorSummary } from '@cchc/shared';
import { HistoryCoverageDto } from '../../figures/current-tree/dto/history-summary.dto';

export class LineageUnitDto {
  @ApiProperty({ example: '19867' }) code: string;
  @ApiProperty() name: string;
  @UnitLevelProp() level: string;
  @ApiProperty({ enum: ['2024', '2025'] }) tree: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) validFrom: string;
  @NullableStringProp({ description: 'YYYY-MM-DD; null = still valid' }) validTo: string | null;
}

export class LinkedUnitDto extends LineageUnitDto {
  @ApiProperty() path: string;
  @ApiProperty({ description: 'The old unit was divided among several new ones' }) split: boolean;
  @ApiProperty({ type: Number, nullable: true, description: '1 when whole; null for a split of unknown share' }) share: number | null;
}

export class LineageUnmatchedDto {
  @ApiProperty() reason: string;
  @NullableStringProp() hint: string | null;
}

export class LineageAttributionDto {
  @ApiProperty({ example: 'Administrative data provided by VietMap' }) text: string;
  @ApiProperty() textVi: string;
  @ApiProperty() license: string;
  @ApiProperty() url: string;
}

export class UnitLineageResponseDto {
  @ApiProperty({ type: LineageUnitDto }) unit: LineageUnitDto;
  @ApiProperty({ type: [LinkedUnitDto] }) predecessors: LinkedUnitDto[];
  @ApiProperty({ type: [LinkedUnitDto] }) successors: LinkedUnitDto[];
  @ApiProperty({ type: LineageUnmatchedDto, nullable: true, description: 'Set when the lineage source could not link this unit' })
  unmatched: LineageUnmatchedDto | null;
  @ApiProperty({ type: LineageAttributionDto }) attribution: LineageAttributionDto;
}

export class HistoryPeriodDto {
  @ApiProperty() id: string;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
}

export class HistoryLinkedUnitDto extends LinkedUnitDto {
  @ApiProperty() reported: boolean;
  @ApiProperty() placed: boolean;
}

export class HistoryNotPlacedEntryDto {
  @ApiProperty() code: string;
  @ApiProperty({ enum: ['unmatched', 'split_without_share', 'split'] }) reason: string;
  @ApiProperty({ type: Number, nullable: true }) share: number | null;
}

export class UnitHistoryResponseDto {
  @ApiProperty({ type: LineageUnitDto }) unit: LineageUnitDto;
  @ApiProperty({ type: HistoryPeriodDto }) period: HistoryPeriodDto;
  @ApiProperty({ enum: ['approved'] }) basis: 'approved';
  @ApiProperty({ type: HistoryCoverageDto }) coverage: HistoryCoverageDto;
  @ApiProperty({ type: [HistoryLinkedUnitDto] }) predecessors: HistoryLinkedUnitDto[];
  @ApiProperty({ type: [HistoryNotPlacedEntryDto] }) notPlaced: HistoryNotPlacedEntryDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    description: 'By indicator code: the shared summarize() result (value, count, sum, mean, min, max, share, optionCounts by option)',
  })
  indicators: Record<string, IndicatorSummary>;
  @ApiProperty({ type: LineageAttributionDto }) attribution: LineageAttributionDto;
}
