import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DateTimeProp,
  NullableDateTimeProp,
  NullableNumberProp,
  NullableStringProp,
  REPORT_STATUSES,
  recordOf,
} from '../../../openapi/api-schema';
import { LocalizedTextDto } from '../../templates/dto/template-response.dto';

/** Narrative sections I–V of the written report; an absent section is blank. */
export class ReportNarrativeDto {
  @ApiPropertyOptional() I?: string;
  @ApiPropertyOptional() II?: string;
  @ApiPropertyOptional() III?: string;
  @ApiPropertyOptional() IV?: string;
  @ApiPropertyOptional() V?: string;
}

/** Header and signature of the printed report (Nghị định 30/2020/NĐ-CP); list items bare, without "- " or ";". */
export class ReportDocumentFieldsDto {
  @ApiProperty({ example: '232/BC-UBND', description: 'Printed after "Số: "' }) soKyHieu: string;
  @ApiProperty({ example: 'Quảng Thọ' }) place: string;
  @ApiProperty({ format: 'date', example: '2023-12-06' }) date: string;
  @ApiProperty({ type: [String] }) kinhGui: string[];
  @ApiProperty({ type: [String] }) noiNhan: string[];
  @ApiProperty({ example: 'TM. ỦY BAN NHÂN DÂN' }) signerCapacity: string;
  @ApiProperty({ example: 'CHỦ TỊCH' }) signerTitle: string;
  @ApiProperty() signerName: string;
  @ApiProperty({ description: 'Cơ quan chủ quản; empty for a province', example: 'UBND HUYỆN QUẢNG ĐIỀN' }) issuerParent: string;
  @ApiProperty({ example: 'UBND XÃ QUẢNG THỌ' }) issuerName: string;
  @ApiPropertyOptional() trichYeu?: string;
  @ApiPropertyOptional({ type: [String], description: 'Opening paragraphs before section I' }) preamble?: string[];
}

/** A numbered subsection ("1.", "1.1."); a paragraph starting "- "/"+ " is a list item, one with tabs a table row. */
export class NarrativeSubsectionDto {
  @ApiProperty({ example: '1.1' }) number: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) paragraphs: string[];
  @ApiPropertyOptional({ type: () => [NarrativeSubsectionDto] }) children?: NarrativeSubsectionDto[];
}

export class NarrativeSectionDto {
  @ApiProperty({ example: 'ĐÁNH GIÁ CHUNG' }) title: string;
  @ApiProperty({ type: [String] }) intro: string[];
  @ApiProperty({ type: [NarrativeSubsectionDto] }) subsections: NarrativeSubsectionDto[];
}

/** Sections I–V structured; an absent section is blank. */
export class StructuredNarrativeDto {
  @ApiPropertyOptional({ type: NarrativeSectionDto }) I?: NarrativeSectionDto;
  @ApiPropertyOptional({ type: NarrativeSectionDto }) II?: NarrativeSectionDto;
  @ApiPropertyOptional({ type: NarrativeSectionDto }) III?: NarrativeSectionDto;
  @ApiPropertyOptional({ type: NarrativeSectionDto }) IV?: NarrativeSectionDto;
  @ApiPropertyOptional({ type: NarrativeSectionDto }) V?: NarrativeSectionDto;
}

export class ReportCommentDto {
  @ApiProperty() id: number;
  @NullableStringProp({ description: 'null: a general comment; otherwise the indicator it is about' }) indicatorCode: string | null;
  @ApiProperty() body: string;
  @ApiProperty() author: string;
  @DateTimeProp() createdAt: Date;
}

/** A finding of the shared rules (@cchc/shared Finding). */
export class FindingDto {
  @ApiProperty({ description: 'The (first) indicator concerned' }) code: string;
  @ApiProperty({ enum: ['error', 'warning'], enumName: 'Severity' }) severity: string;
  @ApiProperty({ description: 'Rule id: range, integer, required, a consistency rule id, jump…' }) rule: string;
  @ApiProperty({ type: LocalizedTextDto }) message: LocalizedTextDto;
  @ApiProperty(recordOf({ type: 'number', nullable: true })) values: Record<string, number | null>;
  @ApiPropertyOptional({ type: [String], description: 'Every indicator the finding concerns' }) codes?: string[];
  @ApiPropertyOptional({ ...recordOf({ type: 'number', nullable: true }), description: 'Previous-period values behind a jump warning' })
  previous?: Record<string, number | null>;
}

export class ReportResponseDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty() period: string;
  @ApiProperty({ format: 'date' }) deadline: string;
  @ApiProperty() templateVersion: string;
  @ApiProperty({ enum: REPORT_STATUSES, enumName: 'ReportStatus', nullable: true, description: 'null: no report exists yet for this unit and period' })
  status: string | null;
  @ApiProperty({ description: '0 while no report exists' }) version: number;
  @ApiProperty({ ...recordOf({ type: 'number' }), description: 'Values by indicator code; a blank is absent' }) values: Record<string, number>;
  @ApiProperty({ ...recordOf({ type: 'string' }), description: 'Ghi chú by indicator code' }) notes: Record<string, string>;
  @ApiProperty({ type: ReportNarrativeDto, description: 'Sections I–V as plain text (kept in step with narrativeDoc)' }) narrative: ReportNarrativeDto;
  @ApiProperty({ type: ReportDocumentFieldsDto, description: 'Stored document fields, else the defaults for the unit' }) document: ReportDocumentFieldsDto;
  @ApiProperty({ type: StructuredNarrativeDto, description: 'Sections I–V structured: stored, else derived from the text' }) narrativeDoc: StructuredNarrativeDto;
  @NullableStringProp({ description: 'The reason of the latest return or reopening while the report is back with its unit (status returned); else null' })
  returnComment: string | null;
  @ApiProperty({ enum: ['returned', 'reopened'], nullable: true, description: 'How a returned report came back: returned on review or reopened after approval; null unless returned' })
  returnedAs: 'returned' | 'reopened' | null;
  @ApiProperty({ type: [ReportCommentDto] }) comments: ReportCommentDto[];
  @NullableDateTimeProp() submittedAt: Date | null;
  @NullableDateTimeProp({ description: 'Judges timeliness' }) firstSubmittedAt: Date | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'First submission by the deadline; null before one' }) onTime: boolean | null;
  @NullableDateTimeProp() approvedAt: Date | null;
  @NullableDateTimeProp() createdAt: Date | null;
  @NullableDateTimeProp() updatedAt: Date | null;
  @NullableStringProp() updatedBy: string | null;
  @NullableStringProp({ description: 'The period whose values the jump checks compared with' }) previousPeriod: string | null;
  @ApiProperty({ type: [FindingDto], description: 'Findings of the shared rules, completeness included' }) findings: FindingDto[];
  @ApiProperty() errorCount: number;
  @ApiProperty() warningCount: number;
}

export class HistoryEntryDto {
  @ApiProperty() id: number;
  @DateTimeProp() at: Date;
  @ApiProperty() actor: string;
  @ApiProperty({ enum: ['value', 'note', 'narrative', 'document', 'status', 'comment'], enumName: 'AuditAction' }) action: string;
  @NullableStringProp({ description: 'Indicator code, narrative section, or null for a status change' }) field: string | null;
  @NullableStringProp() before: string | null;
  @NullableStringProp() after: string | null;
}

export class DiffSinceDto {
  @ApiProperty({ description: 'What the changes are counted from: returned or reopened' }) kind: string;
  @DateTimeProp() at: Date;
  @ApiProperty() version: number;
}

export class ValueChangeDto {
  @ApiProperty() code: string;
  @NullableNumberProp() before: number | null;
  @NullableNumberProp() after: number | null;
}

export class ReportDiffResponseDto {
  @ApiProperty({ type: DiffSinceDto, nullable: true, description: 'null when the report was never returned or reopened' }) since: DiffSinceDto | null;
  @ApiProperty({ type: [ValueChangeDto] }) changes: ValueChangeDto[];
}
