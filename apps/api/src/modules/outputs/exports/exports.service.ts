import { Injectable, Logger } from '@nestjs/common';
import { periodLabel, type Template, rowStatusLabel } from '@cchc/shared';
import type { Writable } from 'node:stream';
import type { AuthUser } from '../../../common/auth/auth-user';
import { badRequest } from '../../../common/api-error';
import { PeriodsService } from '../../periods/periods.service';
import { UnitsService } from '../../units/units.service';
import type { ExportQueryDto } from './dto/export-query.dto';
import type { RankingExportQueryDto } from './dto/ranking-export-query.dto';
import { ReportReader } from '../../reports/report.reader';
import { RankingsService } from '../../figures/rankings/rankings.service';
import { rankingCsv, rankingXlsx } from './ranking-export.writer';
import { writePivotCsv, type CsvDecimal } from './pivot-csv.writer';
import { figuresRow, listedRow, pivotPlan, type PivotPlan, type PivotRow } from './pivot-rows';
import type { FigureSource } from '../../figures/figure-source/figure-source';
import { FigureSources } from '../../figures/figure-source/figure-sources';
import { writePivotXlsx } from './pivot-xlsx.writer';
import { buildReportXlsx } from '../documents/report-xlsx.writer';
import { ClientGoneError } from './utils/backpressure';

export type ExportFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface PreparedExport {
  plan: PivotPlan;
  format: ExportFormat;
  filename: string;
  /** Writes the whole file to `out`; every check has already passed when this exists. */
  write(out: Writable): Promise<void>;
}

/** A pivot as a file: the plan's columns, its pages of rows, then the total row, in either format. */
export function pivotExport(
  plan: PivotPlan,
  format: ExportFormat,
  filename: string,
  xlsx: { title: string; sheetName: string },
  pages: () => AsyncIterable<PivotRow[]>,
  total: () => Promise<PivotRow>,
  decimal: CsvDecimal,
): PreparedExport {
  const all = [...plan.columns, ...plan.options];
  return {
    plan,
    format,
    filename,
    write: (out) => (format === 'csv' ? writePivotCsv(out, all, pages(), total, decimal) : writePivotXlsx(out, xlsx, all, pages(), total)),
  };
}

/** "2023.xlsx" → { periodId: "2023", format: "xlsx" }. */
export function parseFileParam(file: string, allowed: ExportFormat[] = ['csv', 'xlsx']): { periodId: string; format: ExportFormat } {
  const m = /^(.+)\.([a-z]+)$/i.exec(file);
  const format = m?.[2].toLowerCase() as ExportFormat | undefined;
  if (!m || !format || !allowed.includes(format)) {
    throw badRequest(
      'format',
      `Định dạng tệp không hỗ trợ: "${file}" (dùng <kỳ>.${allowed.join(' hoặc <kỳ>.')}).`,
      `Unsupported file "${file}" (use <period>.${allowed.join(' or <period>.')}).`,
    );
  }
  return { periodId: m[1], format };
}

@Injectable()
export class ExportsService {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly sources: FigureSources,
    private readonly rankings: RankingsService,
    private readonly reports: ReportReader,
  ) {}

  /**
   * A units × indicators pivot from a figure source (as reported unless the request chose another tree).
   * Every check (unit, subtree, period, format, basis) happens here, before the first byte is sent.
   */
  async preparePivot(user: AuthUser, unitCode: string, file: string, q: ExportQueryDto, source: FigureSource = this.sources.of('reported')): Promise<PreparedExport> {
    const { periodId, format } = parseFileParam(file);
    const f = await source.pivot(user, unitCode, periodId, { scope: q.scope, basis: q.basis });
    const plan = pivotPlan(f);
    const filename = `CCHC_${f.periodId}_${f.unit ? `${f.unit.code}_${f.unit.name}` : 'Toan-quoc'}${f.fileTag}.${format}`;
    const title = [plan.title, periodLabel(f.periodId), ...(f.attribution ? [f.attribution] : [])].join(' — ');
    async function* pages(): AsyncGenerator<PivotRow[]> {
      for await (const page of f.pages()) yield page.map((l) => listedRow(plan, l));
    }
    return pivotExport(plan, format, filename, { title, sheetName: f.periodId }, pages, async () => figuresRow(plan, await f.total()), q.decimal ?? 'dot');
  }

  /** A ranking as a file: the same rows, order and coverage marks as GET /api/rankings. */
  async rankingFile(user: AuthUser, unitCode: string, file: string, q: RankingExportQueryDto): Promise<{ filename: string; format: ExportFormat; body: Buffer }> {
    const { periodId, format } = parseFileParam(file);
    const ranking = await this.rankings.ranking(user, unitCode, periodId, q);
    const scopeTag = ranking.scope === 'communes' ? '_cac-xa' : '';
    const filename = `Xep-hang_CCHC_${periodId}_${ranking.unit.code}_${ranking.unit.name}${scopeTag}.${format}`;
    const title = `Xếp hạng CCHC — ${ranking.unit.name} — ${periodLabel(periodId)}`;
    const body = format === 'csv' ? rankingCsv(ranking, q.decimal ?? 'dot') : await rankingXlsx(ranking, title);
    return { filename, format, body };
  }

  /** One unit's report in the appendix layout, as it would be printed and signed. */
  async reportXlsx(user: AuthUser, unitCode: string, file: string): Promise<{ filename: string; body: Buffer }> {
    const { periodId } = parseFileParam(file, ['xlsx']);
    const unit = await this.units.getAccessible(user, unitCode);
    await this.periods.getOrThrow(periodId);
    const report = await this.reports.getOrThrow(unit, periodId);
    const stored = await this.reports.valuesWithNotes(report.id);
    const template: Template = await this.periods.templateOf(periodId);
    const body = await buildReportXlsx({
      template,
      unitName: unit.name,
      unitLevel: unit.level,
      periodLabel: periodLabel(periodId),
      statusLabel: rowStatusLabel(report.status),
      values: stored,
    });
    return { filename: `Phu-luc_CCHC_${periodId}_${unit.code}_${unit.name}.xlsx`, body };
  }

  logStreamError(filename: string, err: unknown): void {
    if (err instanceof ClientGoneError) {
      this.logger.log(`export ${filename}: download cancelled by the client`);
      return;
    }
    this.logger.error(`export ${filename} failed mid-stream: ${(err as Error).stack ?? String(err)}`);
  }
}
