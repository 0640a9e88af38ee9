import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString } from 'class-validator';
import { DateTimeProp, NullableDateTimeProp } from '../../../openapi/api-schema';

export class SaveParCriteriaSetDto {
  @ApiProperty({ example: 'hn-5666-demo', description: 'Letters, digits, . _ - (max 32)' })
  @IsString()
  version: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The criteria set: { title, demo?, basis?, domains: [{ code, title, criteria: [{ code, title, subCriteria: [{ code, title, maxPoints, scoring, notApplicableAllowed?, evidence?, source? }] }] }] }',
  })
  @IsObject()
  document: Record<string, unknown>;
}

export class ParCriteriaSetResponseDto {
  @ApiProperty() version: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: 'draft' | 'published';
  @ApiProperty() maxPoints: number;
  @ApiProperty() demo: boolean;
  @ApiProperty() usedByRounds: number;
  @ApiProperty() createdBy: string;
  @DateTimeProp() createdAt: string;
  @NullableDateTimeProp() publishedAt: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The validated document (ParCriteriaSet)' })
  document: Record<string, unknown>;
}

export class ParCriteriaImportResultDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty() version: string;
  @ApiProperty() title: string;
  @ApiProperty() maxPoints: number;
  @ApiProperty() domains: number;
  @ApiProperty() subCriteria: number;
  @ApiProperty({ type: ParCriteriaSetResponseDto, nullable: true, description: 'The saved draft; null on a dry run' }) saved: ParCriteriaSetResponseDto | null;
}
