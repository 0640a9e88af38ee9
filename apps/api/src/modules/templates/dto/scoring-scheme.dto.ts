import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNIT_LEVELS } from '../../../openapi/api-schema';

export class CriterionDto {
  @ApiProperty({ example: 'D1.1' }) code: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional() titleEn?: string;
  @ApiProperty({ example: 6 }) maxPoints: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'One of: {kind:"yesno",input}, {kind:"ratio",numerator,denominator,onZeroDenominator?}, {kind:"tiers",input,tiers:[{min,fraction}]}, {kind:"percent",input}, {kind:"choice",input,fractions:{option:fraction}}; inputs are indicator codes of the template version',
  })
  rule: Record<string, unknown>;
  @ApiPropertyOptional({ enum: UNIT_LEVELS, enumName: 'UnitLevel', isArray: true }) levels?: string[];
  @ApiPropertyOptional() note?: string;
}

export class DomainDto {
  @ApiProperty({ example: 'D1' }) code: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional() titleEn?: string;
  @ApiProperty({ type: [CriterionDto] }) criteria: CriterionDto[];
}

export class DeclaredMaxDto {
  @ApiPropertyOptional() commune?: number;
  @ApiPropertyOptional() district?: number;
  @ApiPropertyOptional() province?: number;
}

/** The scoring scheme document: what GET returns and POST accepts back (with a new version id). */
export class ScoringSchemeDto {
  @ApiProperty({ example: '2023.2' }) version: string;
  @ApiProperty({ example: '2023.1', description: 'The published template version whose rows the criteria read' }) templateVersion: string;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional({ type: DeclaredMaxDto, description: 'Maximum points per level; the criteria must add up to them' }) declaredMax?: DeclaredMaxDto;
  @ApiProperty({ type: [DomainDto] }) domains: DomainDto[];
}

export class SchemeVersionInfoDto {
  @ApiProperty({ example: '2023.2' }) version: string;
  @ApiProperty({ example: '2023.1' }) templateVersion: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['draft', 'published'], enumName: 'InstrumentStatus' }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
}
