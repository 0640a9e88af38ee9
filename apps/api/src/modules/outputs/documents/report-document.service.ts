import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  NARRATIVE_SECTION_KEYS,
  defaultDocumentFields,
  defaultNarrativeOutline,
  emptyStats,
  parsePeriodId,
  structuredFromTextNarrative,
  summarize,
  type StructuredNarrative,
  type Template,
} from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import { badRequest } from '../../../common/api-error';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { noReport, ReportReader } from '../../reports/report.reader';
import { PeriodsService } from '../../periods/periods.service';
import { SummaryCoverage } from '../../rollups/entities/summary-coverage.entity';
import { Summary, statsFromSummary } from '../../rollups/entities/summary.entity';
import { AdminUnit } from '../../units/entities/admin-unit.entity';
import { UnitsService } from '../../units/units.service';
import { buildReportDocx } from './report-docx.writer';

/** Sections the report has, the standard empty headings for the others (a document always prints I–V). */
function completeNarrative(n: StructuredNarrative, year: number | undefined): StructuredNarrative {
  const outline = defaultNarrativeOutline(year);
  const out: StructuredNarrative = {};
  for (const key of NARRATIVE_SECTION_KEYS) out[key] = n[key] ?? outline[key];
  return out;
}

/**
 * One unit's report as the official DOCX. A commune's is its own report; a district's or a
 * province's is consolidated: the appendix prints the stored summary of its communes (read-only,
 * as the rollups wrote it) with a coverage line, the narrative its own report's when it has one.
 */
@Injectable()
export class ReportDocumentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly reports: ReportReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Same checks, in the same order, as the .xlsx of this route: file name, unit access (404 before 403), period. */
  async reportDocx(user: AuthUser, unitCode: string, file: string): Promise<{ filename: string; body: Buffer }> {
    const m = /^(.+)\.docx$/i.exec(file);
    if (!m) {
      throw badRequest('format', `Định dạng tệp không hỗ trợ: "${file}" (dùng <kỳ>.docx).`, `Unsupported file "${file}" (use <period>.docx).`);
    }
    const periodId = m[1];
    const unit = await this.units.getAccessible(user, unitCode);
    await this.periods.getOrThrow(periodId);
    const year = parsePeriodId(periodId)?.year;
    const parent = unit.parentCode ? await this.dataSource.getRepository(AdminUnit).findOne({ where: { code: unit.parentCode } }) : null;
    const report = await this.reports.find(unit.code, periodId);
    const consolidated = unit.level !== 'commune';
    if (!report && !consolidated) throw noReport(unit, periodId);
    const template: Template = await this.periods.templateOf(periodId);
    const fields = report?.document ?? defaultDocumentFields(unit, parent, periodId);
    const narrative = completeNarrative(report?.narrativeDoc ?? structuredFromTextNarrative(report?.narrative, year), year);

    let values: Map<string, { value: number | null; note: string | null }>;
    let coverageLine: string | null = null;
    if (consolidated) {
      const [rows, coverage] = await Promise.all([
        this.dataSource.getRepository(Summary).find({ where: { unitCode: unit.code, periodId } }),
        this.dataSource.getRepository(SummaryCoverage).findOne({ where: { unitCode: unit.code, periodId } }),
      ]);
      const stats = new Map(rows.map((r) => [r.indicatorCode, statsFromSummary(r)]));
      values = new Map();
      for (const node of template.nodes) {
        if (!node.valueType) continue;
        const s = summarize(node, stats.get(node.code) ?? emptyStats(node.code));
        // A figure no commune reported stays blank, never 0.
        if (s.count > 0) values.set(node.code, { value: s.headline, note: null });
      }
      const expected = coverage?.expected ?? (await this.units.communesUnder(unit)).length;
      const basis = coverage?.basis ?? this.config.rollupBasis;
      coverageLine = `Tổng hợp từ ${coverage?.reported ?? 0}/${expected} xã có báo cáo ${basis === 'approved' ? 'đã duyệt' : 'đã nộp'}`;
    } else {
      values = await this.reports.valuesWithNotes(report!.id);
    }
    const body = await buildReportDocx({
      template,
      // The summary holds the communes' indicators: a consolidated appendix prints their rows.
      appendixLevel: 'commune',
      unitName: unit.name,
      periodId,
      fields,
      narrative,
      values,
      coverageLine,
    });
    return { filename: `Bao-cao_CCHC_${periodId}_${unit.code}_${unit.name}.docx`, body };
  }
}
