import { ApiProperty } from '@nestjs/swagger';
import { NullableStringProp, UnitLevelProp } from '../../../openapi/api-schema';

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
