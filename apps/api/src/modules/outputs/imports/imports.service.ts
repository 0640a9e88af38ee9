import { Readable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  LEVEL_NAME_EN,
  LEVEL_NAME_VI,
  indexTemplate,
  isEditableStatus,
  periodLabel,
  validateValue,
  type IndicatorNode,
  type Template,
  rowStatusLabel,
} from '@cchc/shared';
import { AccessPolicyService } from '../../units/access-policy.service';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiError, badRequest, conflict, unprocessable } from '../../../common/api-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { writeTransaction } from '../../../database/write-transaction';
import { IdempotencyService } from '../../idempotency/idempotency.service';
import { PeriodsService } from '../../periods/periods.service';
import { ReportReader } from '../../reports/report.reader';
import { ReportStore, type ImportedValues } from '../../reports/report.store';
import { AdminUnit } from '../../units/entities/admin-unit.entity';
import { UnitsService } from '../../units/units.service';
import type { ImportProblemDto, ImportResultDto } from './dto/import-result.dto';
import { ArchiveLayoutError, bodyTooLarge, columnLetter, ImportLimitError, openSheet, UnreadableFileError, type OpenedSheet } from './import-file.parser';
import { MAX_LISTED_ERRORS } from './imports.constants';
import { FIXED_HEADERS, TITLE_ROW_LABEL, TOTAL_PREFIX, UNIT_ROW_LABEL, type Cell } from '../exports/pivot-layout';
import { NATIONAL_CODE } from '../exports/pivot-rows';
import { isOptionColumn } from '../exports/pivot-options';

/** Unit rows looked up (and their reports read) at a time. */
const CHUNK = 500;
const YIELD_EVERY_MS = 20;
/** The header row is looked for among the first rows only. */
const HEADER_SEARCH_ROWS = 20;

/** The part of the tree an import may write into. */
type Scope = Pick<AdminUnit, 'code' | 'name' | 'path'>;

interface Column {
  index: number;
  node: IndicatorNode;
}

/** A unit row as read: its code and its raw cells in the indicator columns only. */
interface Candidate {
  row: number;
  code: string;
  cells: Cell[];
}

interface UnitRow {
  row: number;
  unit: AdminUnit;
  /** Non-blank cells that passed validation. */
  values: Map<string, number>;
}

type Change = ImportedValues['changes'][number];

interface Plan {
  units: number;
  reportsCreated: number;
  reportsUpdated: number;
  valuesChanged: number;
  /** What a clean real import writes (empty on a dry run or once any error is found). */
  items: ImportedValues[];
}

/** Every problem counted; the first MAX_LISTED_ERRORS kept for the response. */
class Problems {
  readonly list: ImportProblemDto[] = [];
  total = 0;
  /** Rows whose unit the caller may not write (the policy's report.write): the import is then refused with 403. */
  readonly denied: ImportProblemDto[] = [];
  deniedTotal = 0;
  push(p: ImportProblemDto): void {
    this.total += 1;
    if (this.list.length < MAX_LISTED_ERRORS) this.list.push(p);
  }
  deny(p: ImportProblemDto): void {
    this.push(p);
    this.deniedTotal += 1;
    if (this.denied.length < MAX_LISTED_ERRORS) this.denied.push(p);
  }
}

const text = (c: Cell | undefined): string => (c === null || c === undefined ? '' : String(c).trim());
const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi');

function asStream(body: unknown): AsyncIterable<unknown> {
  if (body instanceof Readable) return body;
  if (Buffer.isBuffer(body) || typeof body === 'string') return Readable.from(body.length ? [body] : []);
  return Readable.from([]);
}

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
    // Reads outside the import's transaction go through the reports module's reader; the store only writes.
    private readonly reader: ReportReader,
    private readonly access: AccessPolicyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private readonly log = new Logger('imports');

  async run(user: AuthUser, unitCode: string, periodId: string, body: unknown, dryRun: boolean, declaredLength?: number): Promise<ImportResultDto> {
    // "VN" takes back a national export. The policy's report.import (the guard) admits the URL's unit;
    // every row is then checked for report.write on its own unit (resolve).
    const unit = unitCode.toUpperCase() === NATIONAL_CODE ? null : await this.units.getOrThrow(unitCode);
    this.access.assert(user, 'report.import', unit ?? 'national');
    const target: Scope = unit ?? { code: NATIONAL_CODE, name: 'Toàn quốc', path: '/' };
    // The period's own version: its columns are the ones an import may fill.
    const template = await this.periods.templateOf(periodId);
    const limits = this.config.imports;
    if (declaredLength !== undefined && declaredLength > limits.maxBytes) throw this.limitError(bodyTooLarge(limits));
    const errors = new Problems();
    let outcome: { format: 'csv' | 'xlsx'; plan: Plan };
    try {
      const sheet = await openSheet(asStream(body), limits);
      if (!sheet) {
        throw badRequest(
          'file',
          'Cần gửi nội dung tệp CSV hoặc XLSX trong thân yêu cầu (Content-Type: text/csv, application/octet-stream hoặc XLSX).',
          'Send the CSV or XLSX file as the request body (Content-Type text/csv, application/octet-stream or the XLSX type).',
        );
      }
      outcome = { format: sheet.format, plan: await this.check(user, target, periodId, template, sheet, errors, dryRun) };
    } catch (e) {
      if (e instanceof ImportLimitError) throw this.limitError(e);
      if (e instanceof ArchiveLayoutError) {
        this.log.warn(`import archive refused for ${target.code}/${periodId}: ${e.message}`);
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          'import_archive_layout',
          'Tệp XLSX có dữ liệu nằm ngoài các mục mà tệp tự khai báo (có thể bị ghép hoặc bị chỉnh sửa); hệ thống không đọc tệp này. Hãy mở tệp bằng Excel, lưu lại rồi nhập.',
          'The XLSX file holds data outside the entries it declares (joined or tampered with); it is not read. Open it in Excel, save it again and import that.',
          'file',
        );
      }
      if (e instanceof UnreadableFileError) {
        // The parser's own words stay in the log: they mean nothing to the user and may echo the file.
        this.log.warn(`unreadable import file for ${target.code}/${periodId}: ${e.message}`);
        throw badRequest(
          'file',
          'Không đọc được tệp: tệp không phải CSV hoặc XLSX hợp lệ, hoặc đã bị hỏng. Hãy xuất lại tệp theo mẫu rồi nhập.',
          'The file cannot be read: it is not a valid CSV or XLSX file, or it is damaged. Export the template again and import that.',
        );
      }
      throw e;
    }
    if (errors.deniedTotal > 0) throw this.deniedRows(errors);
    const { format, plan } = outcome;
    const result: ImportResultDto = {
      dryRun,
      ok: errors.total === 0,
      format,
      units: plan.units,
      reportsCreated: plan.reportsCreated,
      reportsUpdated: plan.reportsUpdated,
      valuesChanged: plan.valuesChanged,
      errorCount: errors.total,
      errors: errors.list,
    };
    if (dryRun) return result;
    if (errors.total > 0) {
      throw unprocessable(
        'import_invalid',
        `Tệp có ${errors.total} lỗi; không có số liệu nào được ghi.`,
        `The file has ${errors.total} error(s); nothing was written.`,
        { ...result, ok: false },
      );
    }
    try {
      // The version and status read during the check must still hold: a save or a submission in between aborts the import.
      await writeTransaction(this.dataSource, async (em) => {
        await this.store.applyImport(em, periodId, template.version, plan.items, user.username, new Date());
        // The answer is known before the commit: stored with it, so a retry under the same key gets it and imports nothing twice.
        await IdempotencyService.markCommitted(em, { statusCode: 200, body: result });
      });
    } catch (e) {
      throw this.raced(e);
    }
    return result;
  }

  /** Some rows name units the caller may not write: refused as a whole (dry run too), naming the rows. */
  private deniedRows(errors: Problems): ApiError {
    const first = errors.denied[0];
    return new ApiError(
      HttpStatus.FORBIDDEN,
      'import_forbidden_rows',
      `Bạn không được ghi số liệu của ${errors.deniedTotal} dòng trong tệp (dòng ${first.row}: đơn vị ${first.unitCode}); không có số liệu nào được ghi.`,
      `You may not write the values of ${errors.deniedTotal} row(s) of the file (row ${first.row}: unit ${first.unitCode}); nothing was written.`,
      'file',
      { errorCount: errors.deniedTotal, errors: errors.denied },
    );
  }

  private limitError(e: ImportLimitError): ApiError {
    return e.status === 413
      ? new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'import_too_large', e.vi, e.en, 'file')
      : new ApiError(HttpStatus.BAD_REQUEST, 'import_limit', e.vi, e.en, 'file');
  }

  /**
   * Reads the rows as they stream in, checking each; units are looked up and their reports read a
   * batch at a time, so memory holds the planned changes (nothing at all on a dry run), never the file.
   */
  private async check(
    user: AuthUser,
    target: Scope,
    periodId: string,
    template: Template,
    sheet: OpenedSheet,
    errors: Problems,
    dryRun: boolean,
  ): Promise<Plan> {
    const plan: Plan = { units: 0, reportsCreated: 0, reportsUpdated: 0, valuesChanged: 0, items: [] };
    const dotDecimal = sheet.format === 'csv' && sheet.delimiter === ',';
    const seen = new Map<string, number>();
    let columns: Column[] | null = null;
    let pending: Candidate[] = [];
    let lastYield = Date.now();
    for await (const { row, cells } of sheet.rows) {
      // Never hold the event loop for long: other requests are served between batches of rows.
      if (Date.now() - lastYield > YIELD_EVERY_MS) {
        await yieldToLoop();
        lastYield = Date.now();
      }
      if (!columns) {
        if (norm(text(cells[0])) === norm(FIXED_HEADERS[0])) columns = this.columns(cells, row, template, errors);
        else if (row >= HEADER_SEARCH_ROWS) break;
        continue;
      }
      const code = text(cells[0]);
      const label = norm(code);
      if (label === norm(TITLE_ROW_LABEL) || label === norm(UNIT_ROW_LABEL)) continue;
      if (cells.every((c) => text(c) === '')) continue;
      if (code === '') {
        if (text(cells[1]).startsWith(TOTAL_PREFIX)) continue;
        errors.push({ row, column: 'A', message: 'Thiếu mã đơn vị.', messageEn: 'The unit code is missing.' });
        continue;
      }
      pending.push({ row, code, cells: columns.map((col) => cells[col.index] ?? null) });
      if (pending.length >= CHUNK) {
        await this.resolve(user, target, periodId, columns, pending, seen, dotDecimal, errors, plan, dryRun);
        pending = [];
      }
    }
    if (!columns) {
      errors.push({
        row: 1,
        column: 'A',
        message: `Không thấy dòng tiêu đề bắt đầu bằng "${FIXED_HEADERS[0]}" (dùng đúng mẫu của tệp xuất số liệu).`,
        messageEn: `No header row starting with "${FIXED_HEADERS[0]}" (use the layout of the export).`,
      });
      return plan;
    }
    await this.resolve(user, target, periodId, columns, pending, seen, dotDecimal, errors, plan, dryRun);
    return plan;
  }

  /** One batch of unit rows: the units, their values, their reports' status and what would change. */
  private async resolve(
    user: AuthUser,
    target: Scope,
    periodId: string,
    columns: Column[],
    batch: Candidate[],
    seen: Map<string, number>,
    dotDecimal: boolean,
    errors: Problems,
    plan: Plan,
    dryRun: boolean,
  ): Promise<void> {
    if (batch.length === 0) return;
    const units = await this.unitsByCode(batch.map((c) => c.code));
    const rows: UnitRow[] = [];
    for (const c of batch) {
      const at = { row: c.row, column: 'A', unitCode: c.code };
      const unit = units.get(c.code);
      if (!unit) {
        errors.push({ ...at, message: `Không có đơn vị hành chính mã "${c.code.slice(0, 20)}".`, messageEn: `No administrative unit with code "${c.code.slice(0, 20)}".` });
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
          // Named from the unit's level: in two tiers there is no district to speak of.
          message: `${unit.name} thuộc ${LEVEL_NAME_VI[unit.level]}: tệp chỉ nhập báo cáo của cấp xã; báo cáo riêng của ${LEVEL_NAME_VI[unit.level]} nhập trên biểu mẫu của đơn vị.`,
          messageEn: `${unit.code} is a ${LEVEL_NAME_EN[unit.level]}: the file imports commune reports only; a ${LEVEL_NAME_EN[unit.level]}'s own report is filled in on its form.`,
        });
        continue;
      }
      // The URL's unit only bounds the file: each row's unit must be one the caller may write (issue 20).
      if (!this.access.decide(user, 'report.write', unit).allowed) {
        errors.deny({
          ...at,
          message: `Bạn không được nhập số liệu báo cáo của ${unit.name} (${unit.code}): chỉ cán bộ của chính đơn vị đó (hoặc quản trị viên) được nhập.`,
          messageEn: `You may not write the report of ${unit.code}: only that unit's own officer (or an administrator) may.`,
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
      columns.forEach((col, j) => {
        const raw = c.cells[j];
        if (text(raw) === '') return;
        const cellAt = { row: c.row, column: columnLetter(col.index), unitCode: unit.code, indicatorCode: col.node.code };
        // In our machine CSV ("," between fields) a dot is always the decimal mark, even in "1.714".
        const input = dotDecimal && typeof raw === 'string' && /^-?\d+\.\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
        const { value, findings } = validateValue(col.node, input);
        const bad = findings.filter((f) => f.severity === 'error');
        for (const f of bad) errors.push({ ...cellAt, message: `Chỉ tiêu ${col.node.code}: ${f.message.vi}`, messageEn: `Indicator ${col.node.code}: ${f.message.en}` });
        if (bad.length === 0 && value !== null) values.set(col.node.code, value);
      });
      rows.push({ row: c.row, unit, values });
    }
    plan.units += rows.length;
    if (rows.length === 0) return;

    const existing = await this.store.findMany(this.dataSource.manager, rows.map((r) => r.unit.code), periodId);
    for (const r of rows) {
      const rep = existing.get(r.unit.code);
      if (rep && !isEditableStatus(rep.status) && r.values.size > 0) {
        errors.push({
          row: r.row,
          column: 'A',
          unitCode: r.unit.code,
          message: `Báo cáo ${periodLabel(periodId)} của ${r.unit.name} ở trạng thái "${rowStatusLabel(rep.status)}": không được ghi đè bằng nhập tệp.`,
          messageEn: `The ${periodId} report of ${r.unit.code} is ${rep.status}; an import may not overwrite it.`,
        });
      }
    }
    const current = await this.reader.values([...existing.values()].map((r) => r.id));
    for (const r of rows) {
      const rep = existing.get(r.unit.code);
      const cur = rep ? current.get(rep.id) : undefined;
      const changes: Change[] = [];
      for (const [code, after] of r.values) {
        const before = cur?.[code] ?? null;
        if (before !== after) changes.push({ code, before, after });
      }
      if (changes.length === 0) continue;
      plan.valuesChanged += changes.length;
      if (rep) plan.reportsUpdated += 1;
      else plan.reportsCreated += 1;
      // Only a clean real import is written: the changes are kept for it and for nothing else.
      if (!dryRun && errors.total === 0) plan.items.push({ unit: r.unit, report: rep, changes });
    }
    if (errors.total > 0) plan.items = [];
  }

  /** Indicator columns by header; our own fixed columns are skipped, anything else unknown is an error. */
  private columns(header: Cell[], row: number, template: Template, errors: Problems): Column[] {
    const idx = indexTemplate(template);
    const fixed = new Set(FIXED_HEADERS.map(norm));
    const out: Column[] = [];
    const seen = new Map<string, string>();
    header.forEach((cell, index) => {
      // Echoed in messages: a header is a short code, anything longer is cut.
      const h = text(cell).replace(/\.$/, '').slice(0, 40);
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

}
