import { ApiExtraModels, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Min } from 'class-validator';
import { NarrativeSectionDto, ReportDocumentFieldsDto } from './report-response.dto';

/**
 * A draft save. Partial merge: only the codes, notes and sections sent are changed; a value of
 * null or "" clears that value (blank is not zero). Omitted codes keep what is stored, so an
 * autosave can send just what was typed.
 */
@ApiExtraModels(NarrativeSectionDto)
export class SaveReportDto {
  @ApiPropertyOptional({
    description: 'Values by indicator code: numbers or Vietnamese/plain number strings ("56,1", "1.714"); null or "" clears.',
    example: { '1.1.1': 29, '1.1.2': '29', '3.4.1': '56,1' },
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true },
  })
  @IsOptional()
  @IsObject()
  values?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Note ("Ghi chú") by indicator code; null or "" clears.', type: 'object', additionalProperties: { type: 'string', nullable: true } })
  @IsOptional()
  @IsObject()
  notes?: Record<string, unknown>;

  @ApiPropertyOptional({
    description:
      'Narrative sections I–V, either all as text (legacy; null or "" clears a section) or all structured ' +
      '({title, intro[], subsections[{number, title, paragraphs[], children?}]}). Both stored forms are kept in step.',
    example: { I: 'Công tác chỉ đạo, điều hành…' },
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { $ref: getSchemaPath(NarrativeSectionDto) }], nullable: true },
  })
  @IsOptional()
  @IsObject()
  narrative?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: ReportDocumentFieldsDto,
    nullable: true,
    description: 'Header and signature of the printed document (all fields); null goes back to the defaults for the unit.',
  })
  @IsOptional()
  @IsObject()
  document?: Record<string, unknown> | null;

  @ApiPropertyOptional({ description: 'The version the client last read. Required once the report exists; a stale one gets 409.', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}
