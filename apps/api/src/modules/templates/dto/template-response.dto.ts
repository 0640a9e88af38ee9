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
  @ApiPropertyOptional({ description: 'Lower bound narrower than the value type\'s' }) min?: number;
  @ApiPropertyOptional({ description: 'Upper bound narrower than the value type\'s (a percent row ≤ 100)' }) max?: number;
  @ApiPropertyOptional({ description: 'The code this row had in the version it derives from' }) renamedFrom?: string;
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

/**
 * The template document: what GET returns and POST accepts back as it is (with a new version id).
 * `depth` and `isHeading` are derived on the server and may be omitted; `unit`, `rules`, `decisions`
 * and `jumpThreshold` default to '', [], [] and 0.5; a value row's `aggregation` to its type's rule.
 */
export class TemplateResponseDto {
  @ApiProperty({ example: '2023.1', pattern: '^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$' }) version: string;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: [IndicatorNodeDto] }) nodes: IndicatorNodeDto[];
  @ApiProperty({ type: [ConsistencyRuleDto] }) rules: ConsistencyRuleDto[];
  @ApiProperty({ type: [TemplateDecisionDto] }) decisions: TemplateDecisionDto[];
  @ApiProperty({ description: 'Relative change above which a jump from the previous period warns (0.5 = ±50%)' }) jumpThreshold: number;
  @ApiPropertyOptional({ type: JumpMinAbsoluteDto }) jumpMinAbsolute?: JumpMinAbsoluteDto;
}

export class TemplateVersionInfoDto {
  @ApiProperty({ example: '2023.1' }) version: string;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['draft', 'published'], enumName: 'InstrumentStatus' }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
}

export class TemplateIssueDto {
  @ApiProperty({ enum: ['nodes', 'rules', 'decisions', 'document'] }) section: string;
  @ApiProperty({ type: Number, nullable: true, description: '1-based position in nodes (or rules)' }) row: number | null;
  @ApiProperty({ type: String, nullable: true }) code: string | null;
  @ApiProperty() field: string;
  @ApiProperty() vi: string;
  @ApiProperty() en: string;
}

export class FieldChangeDto {
  @ApiProperty({ enum: ['title', 'unit', 'valueType', 'options', 'levels', 'aggregation', 'weightCode', 'parent', 'required', 'min', 'max'] }) field: string;
  @ApiProperty({ nullable: true, description: 'Value in the older version (any JSON)' }) from: unknown;
  @ApiProperty({ nullable: true, description: 'Value in the newer version (any JSON)' }) to: unknown;
}

export class RowRefDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
}

export class ChangedRowDto {
  @ApiProperty() code: string;
  @ApiPropertyOptional({ description: 'The older code when the row was renamed (renamedFrom)' }) previousCode?: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [FieldChangeDto] }) changes: FieldChangeDto[];
}

export class RuleChangesDto {
  @ApiProperty({ type: [String] }) added: string[];
  @ApiProperty({ type: [String] }) removed: string[];
  @ApiProperty({ type: [String] }) changed: string[];
}

export class TemplateDiffDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [RowRefDto] }) added: RowRefDto[];
  @ApiProperty({ type: [RowRefDto] }) removed: RowRefDto[];
  @ApiProperty({ type: [ChangedRowDto] }) changed: ChangedRowDto[];
  @ApiProperty({ type: RuleChangesDto }) rules: RuleChangesDto;
}
