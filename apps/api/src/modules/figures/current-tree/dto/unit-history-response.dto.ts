import { ApiProperty } from '@nestjs/swagger';
import type { IndicatorSummary } from '@cchc/shared';
import { LineageAttributionDto, LineageUnitDto, LinkedUnitDto } from '../../../lineage/dto/lineage-response.dto';
import { HistoryCoverageDto } from './history-summary.dto';

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
