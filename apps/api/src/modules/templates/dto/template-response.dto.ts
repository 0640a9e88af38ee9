import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNIT_LEVELS } from '../../../openapi/api-schema';

/** The shapes of @cchc/shared's Template, as GET /templates/* sends them. */

export class LocalizedTextDto {
  @ApiProperty() vi: string;
  @ApiProperty() en: string;
}

export class ChoiceOptionDto {
  @ApiProperty() value: number;
  @ApiProperty() label: string;
  @ApiPropertyOptional() labelEn?: string;
}

export class IndicatorNodeDto {
  @ApiProperty({ example: '1.1.1' }) code: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional() titleEn?: string;
  @ApiProperty({ description: 'Đơn vị tính as printed; empty when none' }) unit: string;
  @ApiPropertyOptional({ enum: ['count', 'decimal', 'percent', 'yesno', 'choice'], enumName: 'ValueType', description: 'Absent for pure headings' })
  valueType?: string;
  @ApiPropertyOptional({ type: [ChoiceOptionDto] }) options?: ChoiceOptionDto[];
  @ApiPropertyOptional({ enum: UNIT_LEVELS, enumName: 'UnitLevel', isArray: true }) levels?: string[];
  @ApiPropertyOptional({ enum: ['sum', 'mean', 'weighted_mean', 'share_yes', 'distribution', 'max', 'min'], enumName: 'AggregationRule' })
  aggregation?: string;
  @ApiPropertyOptional() weightCode?: string;
  @ApiPropertyOptional() parent?: string;
  @ApiProperty() depth: number;
  @ApiProperty() isHeading: boolean;
  @ApiPropertyOptional() notes?: string;
  @ApiPropertyOptional() guidance?: string;
  @ApiPropertyOptional() printedCode?: string;
  @ApiPropertyOptional() breakdown?: boolean;
  @ApiPropertyOptional() displayUnit?: string;
  @ApiPropertyOptional() required?: boolean;
}

export class ConsistencyRuleDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['lte', 'eq', 'gte', 'requires'] }) kind: string;
  @ApiProperty({ type: [String] }) left: string[];
  @ApiProperty({ type: [String] }) right: string[];
  @ApiPropertyOptional() constant?: number;
  @ApiPropertyOptional({ enum: ['skip', 'ignore-left'] }) blanks?: string;
  @ApiProperty({ enum: ['error', 'warning'], enumName: 'Severity' }) severity: string;
  @ApiProperty({ type: LocalizedTextDto }) message: LocalizedTextDto;
}

export class TemplateDecisionDto {
  @ApiProperty({ type: [String] }) codes: string[];
  @ApiProperty() vi: string;
  @ApiProperty() en: string;
}

export class JumpMinAbsoluteDto {
  @ApiProperty() count: number;
  @ApiProperty() decimal: number;
  @ApiProperty() percent: number;
}

export class TemplateResponseDto {
  @ApiProperty({ example: '2023.1' }) version: string;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: [IndicatorNodeDto] }) nodes: IndicatorNodeDto[];
  @ApiProperty({ type: [ConsistencyRuleDto] }) rules: ConsistencyRuleDto[];
  @ApiProperty({ type: [TemplateDecisionDto] }) decisions: TemplateDecisionDto[];
  @ApiProperty({ description: 'Relative change above which a jump from the previous period warns (0.5 = ±50%)' }) jumpThreshold: number;
  @ApiPropertyOptional({ type: JumpMinAbsoluteDto }) jumpMinAbsolute?: JumpMinAbsoluteDto;
}
