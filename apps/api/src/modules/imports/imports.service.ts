import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  CURRENT_TEMPLATE_VERSION,
  getTemplate,
  indexTemplate,
  isEditableStatus,
  periodLabel,
  validateValue,
  type IndicatorNode,
  type ReportValues,
  type Template,
} from '@cchc/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ApiError, badRequest, conflict, forbidden, unprocessable } from '../../common/api-error';
import { writeTransaction } from '../../database/write-transaction';
import { PeriodsService } from '../periods/periods.service';
import { Report } from '../reports/entities/report.entity';
import { ReportStore } from '../reports/report.store';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { UnitsService } from '../units/units.service';
import type { ImportProblemDto, ImportResultDto } from './dto/import-result.dto';
import { columnLetter, parseSheet, UnreadableFileError, type ParsedSheet } from './import-file.parser';
import { FIXED_HEADERS, TITLE_ROW_LABEL, TOTAL_PREFIX, UNIT_ROW_LABEL, type Cell } from '../exports/pivot-layout';
import { NATIONAL_CODE, STATUS_LABELS } from '../exports/pivot-data.service';
import { isOptionColumn } from '../exports/pivot-options';

const CHUNK = 500;

/** The part of the tree an import may write into. */
type Scope = Pick<AdminUnit, 'code' | 'name' | 'path'>;

interface Column {
  index: number;
  node: IndicatorNode;
}

interface UnitRow {
  row: number;
  unit: AdminUnit;
  /** Non-blank cells that passed validation. */
  values: Map<string, number>;
}

interface Plan {
  rows: UnitRow[];
  existing: Map<string, Report>;
  current: Map<number, ReportValues>;
}

const text = (c: Cell | undefined): string => (c === null || c === undefined ? '' : String(c).trim());
const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi');

/**
 * Imports values of many communes at once from a file in the pivot export's own layout.
 * Everything is checked first and every problem is listed by row and column; the write is one
 * transaction, all or nothing. Values land in draft (or returned) reports — a missing report
 * is created as a draft; a blank cell leaves the stored value as it is.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly store: ReportStore,
  ) {}

  async run(user: AuthUser, unitCode: string, periodId: string, body: unknown, dryRun: boolean): Promise<ImportResultDto> {
    // "VN" takes back a national export (administrators only), as for exports.
    const unit = unitCode.toUpperCase() === NATIONAL_CODE ? null : await this.units.getAccessible(user, unitCode);
    if (!unit && user.unitPath !== null) {
      throw forbidden('Chỉ quản trị viên được nhập số liệu toàn quốc.', 'Only administrators may import for the whole country.');
    }
    const target: Scope = unit ?? { code: NATIONAL_CODE, name: 'Toàn quốc', path: '/' };
    await this.periods.getOrThrow(periodId);
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw badRequest(
        'file',
        'Cần gửi nội dung tệp CSV hoặc XLSX trong thân yêu cầu (Content-Type: text/csv, application/octet-stream hoặc XLSX).',
        'Send the CSV or XLSX file as the request body (Content-Type text/csv, application/octet-stream or the XLSX type).',
      );
    }
    let sheet: ParsedSheet;
    try {
      sheet = await parseSheet(body);
    } catch (e) {
      if (e instanceof UnreadableFileError) {
        throw badRequest('file', `Không đọc được tệp: ${e.message}`, `The file cannot be read: ${e.message}`);
      }
      throw e;
    }
    const template = getTemplate(CURRENT_TEMPLATE_VERSION) as Template;
    const errors: ImportProblemDto[] = [];
    const plan = await this.check(user, target, periodId, template, sheet, errors);
    const counts = this.count(plan);
    const result: ImportResultDto = { dryRun, ok: errors.length === 0, format: sheet.format, units: plan.rows.length, ...counts, errors };
    if (dryRun) return result;
    if (errors.length > 0) {
      throw unprocessable(
        'import_invalid',
        `Tệp có ${errors.length} lỗi; không có số liệu nào được ghi.`,
        `The file has ${errors.length} error(s); nothing was written.`,
        { ...result, ok: false },
      );
    }
    const items = plan.rows.map((r) => ({ unit: r.unit, report: plan.existing.get(r.unit.code), changes: this.changes(plan, r) }));
    try {
      // The version and status read during the check must still hold: a save or a submission in between aborts the import.
      await writeTransaction(this.dataSource, (em) => this.store.applyImport(em, periodId, template.version, items, user.username, new Date()));
    } catch (e) {
      throw this.raced(e);
    }
    return result;
  }

  private async check(
    user: AuthUser,
    target: Scope,
    periodId: string,
    template: Template,
    sheet: ParsedSheet,
    errors: ImportProblemDto[],
  ): Promise<Plan> {
    const empty: Plan = { rows: [], existing: new Map(), current: new Map() };
    const headerAt = sheet.rows.slice(0, 20).findIndex((r) => norm(text(r[0])) === norm(FIXED_HEADERS[0]));
    if (headerAt < 0) {
      errors.push({
        row: 1,
        column: 'A',
        message: `Không thấy dòng tiêu đề bắt đầu bằng "${FIXED_HEADERS[0]}" (dùng đúng mẫu của tệp xuất số liệu).`,
        messageEn: `No header row starting with "${FIXED_HEADERS[0]}" (use the layout of the export).`,
      });
      return empty;
    }
    const columns = this.columns(sheet.rows[headerAt], headerAt + 1, template, errors);
    const dotDecimal = sheet.format === 'csv' && sheet.delimiter === ',';

    // First pass: which rows are units, so every unit is looked up in one query.
    const candidates: Array<{ row: number; code: string; cells: Cell[] }> = [];
    for (let i = headerAt + 1; i < sheet.rows.length; i++) {
      const cells = sheet.rows[i] ?? [];
      const code = text(cells[0]);
      const label = norm(code);
      if (label === norm(TITLE_ROW_LABEL) || label === norm(UNIT_ROW_LABEL)) continue;
      if (cells.every((c) => text(c) === '')) continue;
      if (code === '') {
        if (text(cells[1]).startsWith(TOTAL_PREFIX)) continue;
        errors.push({ row: i + 1, column: 'A', message: 'Thiếu mã đơn vị.', messageEn: 'The unit code is missing.' });
        continue;
      }
      candidates.push({ row: i + 1, code, cells });
    }
    const units = await this.unitsByCode(candidates.map((c) => c.code));
    const rows: UnitRow[] = [];
    const seen = new Map<string, number>();
    for (const c of candidates) {
      const at = { row: c.row, column: 'A', unitCode: c.code };
      const unit = units.get(c.code);
      if (!unit) {
        errors.push({ ...at, message: `Không có đơn vị hành chính mã "${c.code}".`, messageEn: `No administrative unit with code "${c.code}".` });
        continue;
      }
      if (!this.units.canAccess(user, unit) || !unit.path.startsWith(target.path)) {
        errors.push({
          ...at,
          message: `${unit.name} (${unit.code}) không thuộc ${target.name} hoặc ngoài phạm vi quản lý của bạn.`,
          messageEn: `${unit.code} is not under ${target.code} or is outside your units.`,
        });
        continue;
      }
      if (unit.level !== 'commune') {
        errors.push({
          ...at,
          message: `${unit.name} không phải cấp xã: số liệu cấp huyện/tỉnh là số tổng hợp, không nhập được.`,
          messageEn: `${unit.code} is not a commune: district and province figures are rollups and cannot be imported.`,
        });
        continue;
      }
      const dup = seen.get(unit.code);
      if (dup !== undefined) {
        errors.push({ ...at, message: `Đơn vị ${unit.code} đã có ở dòng ${dup}.`, messageEn: `Unit ${unit.code} already appears on row ${dup}.` });
        continue;
      }
      seen.set(unit.code, c.row);
      const values = new Map<string, number>();
      for (const col of columns) {
        const raw = c.cells[col.index];
        if (text(raw) === '') continue;
        const cellAt = { row: c.row, column: columnLetter(col.index), unitCode: unit.code, indicatorCode: col.node.code };
        // In our machine CSV ("," between fields) a dot is always the decimal mark, even in "1.714".
        const input = dotDecimal && typeof raw === 'string' && /^-?\d+\.\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
        const { value, findings } = validateValue(col.node, input);
        const bad = findings.filter((f) => f.severity === 'error');
        for (const f of bad) errors.push({ ...cellAt, message: `Chỉ tiêu ${col.node.code}: ${f.message.vi}`, messageEn: `Indicator ${col.node.code}: ${f.message.en}` });
        if (bad.length === 0 && value !== null) values.set(col.node.code, value);
      }
      rows.push({ row: c.row, unit, values });
    }

    const existing = await this.reports(rows.map((r) => r.unit.code), periodId);
    for (const r of rows) {
      const rep = existing.get(r.unit.code);
      if (rep && !isEditableStatus(rep.status) && r.values.size > 0) {
        errors.push({
          row: r.row,
          column: 'A',
          unitCode: r.unit.code,
          message: `Báo cáo ${periodLabel(periodId)} của ${r.unit.name} ở trạng thái "${STATUS_LABELS[rep.status]}": không được ghi đè bằng nhập tệp.`,
          messageEn: `The ${periodId} report of ${r.unit.code} is ${rep.status}; an import may not overwrite it.`,
        });
      }
    }
    const current = await this.store.loadManyValues(this.dataSource, [...existing.values()].map((r) => r.id));
    return { rows, existing, current };
  }

  /** Indicator columns by header; our own fixed columns are skipped, anything else unknown is an error. */
  private columns(header: Cell[], row: number, template: Template, errors: ImportProblemDto[]): Column[] {
    const idx = indexTemplate(template);
    const fixed = new Set(FIXED_HEADERS.map(norm));
    const out: Column[] = [];
    const seen = new Map<string, string>();
    header.forEach((cell, index) => {
      const h = text(cell).replace(/\.$/, '');
      if (index === 0 || h === '' || fixed.has(norm(h)) || isOptionColumn(h)) return;
      const at = { row, column: columnLetter(index), indicatorCode: h };
      const node = idx.get(h);
      if (!node) {
        errors.push({ ...at, message: `Cột "${h}" không phải mã chỉ tiêu của mẫu ${template.version}.`, messageEn: `Column "${h}" is not an indicator of template ${template.version}.` });
      } else if (!node.valueType) {
        errors.push({ ...at, message: `Cột ${h} là dòng tiêu đề, không nhận số liệu.`, messageEn: `Column ${h} is a heading and takes no values.` });
      } else if (!(node.levels ?? []).includes('commune')) {
        errors.push({ ...at, message: `Chỉ tiêu ${h} không áp dụng cho cấp xã.`, messageEn: `Indicator ${h} is not reported by communes.` });
      } else if (seen.has(h)) {
        errors.push({ ...at, message: `Cột ${h} lặp lại (đã có ở cột ${seen.get(h)}).`, messageEn: `Column ${h} is repeated (already in column ${seen.get(h)}).` });
      } else {
        seen.set(h, at.column);
        out.push({ index, node });
      }
    });
    return out;
  }

  private count(plan: Plan): Pick<ImportResultDto, 'reportsCreated' | 'reportsUpdated' | 'valuesChanged'> {
    let reportsCreated = 0;
    let reportsUpdated = 0;
    let valuesChanged = 0;
    for (const r of plan.rows) {
      const changed = this.changes(plan, r).length;
      if (changed === 0) continue;
      valuesChanged += changed;
      if (plan.existing.has(r.unit.code)) reportsUpdated += 1;
      else reportsCreated += 1;
    }
    return { reportsCreated, reportsUpdated, valuesChanged };
  }

  private changes(plan: Plan, r: UnitRow): Array<{ code: string; before: number | null; after: number }> {
    const rep = plan.existing.get(r.unit.code);
    const cur = rep ? plan.current.get(rep.id) : undefined;
    const out: Array<{ code: string; before: number | null; after: number }> = [];
    for (const [code, after] of r.values) {
      const before = cur?.[code] ?? null;
      if (before !== after) out.push({ code, before, after });
    }
    return out;
  }

  private raced(e: unknown): unknown {
    if (!(e instanceof ApiError) || (e.getResponse() as { error?: string }).error !== 'stale_version') return e;
    // The store's stale-version answer, said for a whole file: nothing of it was written.
    return conflict(
      'import_conflict',
      'Một báo cáo vừa được người khác thay đổi trong lúc nhập; không có số liệu nào được ghi, hãy thử lại.',
      'A report changed while importing; nothing was written, try again.',
    );
  }

  private async unitsByCode(codes: string[]): Promise<Map<string, AdminUnit>> {
    const out = new Map<string, AdminUnit>();
    const unique = [...new Set(codes)].filter((c) => /^\d{1,10}$/.test(c));
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await this.dataSource.getRepository(AdminUnit).find({ where: { code: In(unique.slice(i, i + CHUNK)) } });
      for (const u of rows) out.set(u.code, u);
    }
    return out;
  }

  private reports(codes: string[], periodId: string): Promise<Map<string, Report>> {
    return this.store.findMany(this.dataSource.manager, codes, periodId);
  }

}
