import { Readable } from 'node:stream';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { TEMPLATE_SHEET_NAMES, TEMPLATE_VERSION_PATTERN, sheetsToTemplate, templateToSheets, type TemplateSheetKey, type SheetRowIn } from '@cchc/shared';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { ApiError, badRequest } from '../../../common/api-error';
import { TemplatesService } from '../../templates/templates.service';
import { ArchiveLayoutError, ImportLimitError, UnreadableFileError, bodyTooLarge, openWorkbook } from '../imports/import-file.parser';
import type { TemplateUploadResultDto } from './dto/template-upload-result.dto';

/** The format's own longest text (notes, guidance) fits a cell even when imports keep cells shorter. */
const TEMPLATE_CELL_CHARS = 4000;
const WIDTHS: Record<TemplateSheetKey, number[]> = {
  nodes: [10, 60, 14, 16, 18, 20, 10, 40, 12, 28, 14, 12, 12, 50, 40, 12, 12, 14, 10],
  rules: [28, 28, 10, 28, 12, 22, 10, 50, 50],
  info: [50, 30],
  decisions: [24, 70, 70],
};

const asStream = (body: unknown): AsyncIterable<unknown> =>
  body instanceof Readable ? body : Buffer.isBuffer(body) || typeof body === 'string' ? Readable.from(body.length ? [body] : []) : Readable.from([]);

/**
 * Template versions as workbooks in the appendix's layout (the layout itself is `template-sheet` in
 * packages/shared): any version downloads; an upload is checked like `POST /api/templates` and, unless
 * a dry run, becomes a draft through the templates service.
 */
@Injectable()
export class TemplateWorkbooksService {
  private readonly log = new Logger('template-workbooks');

  constructor(
    private readonly templates: TemplatesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async download(version: string): Promise<{ filename: string; body: Buffer }> {
    const { template } = await this.templates.getOrThrow(version);
    const sheets = templateToSheets(template);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'CCHC';
    for (const key of Object.keys(TEMPLATE_SHEET_NAMES) as TemplateSheetKey[]) {
      const ws = wb.addWorksheet(TEMPLATE_SHEET_NAMES[key]);
      for (const row of sheets[key]) ws.addRow(row);
      WIDTHS[key].forEach((w, i) => (ws.getColumn(i + 1).width = w));
      const header = key === 'nodes' ? 2 : 1;
      ws.getRow(header).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: header }];
      ws.eachRow((r) => (r.alignment = { vertical: 'top', wrapText: true }));
    }
    wb.getWorksheet(TEMPLATE_SHEET_NAMES.nodes)!.getRow(1).font = { bold: true, size: 13 };
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return { filename: `bieu-mau-${version}.xlsx`, body };
  }

  async upload(body: unknown, opts: { dryRun: boolean; version?: string; declaredLength?: number }): Promise<TemplateUploadResultDto> {
    if (opts.version !== undefined && !TEMPLATE_VERSION_PATTERN.test(opts.version)) {
      throw badRequest('version', `Mã phiên bản "${opts.version}" không hợp lệ (chữ, số, dấu chấm, gạch; tối đa 32 ký tự).`, `Version id "${opts.version}" is not valid.`);
    }
    const limits = { ...this.config.imports, maxCellChars: Math.max(this.config.imports.maxCellChars, TEMPLATE_CELL_CHARS) };
    if (opts.declaredLength !== undefined && opts.declaredLength > limits.maxBytes) throw this.limitError(bodyTooLarge(limits));
    let sheets: Array<{ name: string; rows: SheetRowIn[] }> | null;
    try {
      sheets = await openWorkbook(asStream(body), limits);
    } catch (e) {
      if (e instanceof ImportLimitError) throw this.limitError(e);
      if (e instanceof ArchiveLayoutError) {
        this.log.warn(`template workbook archive refused: ${e.message}`);
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          'import_archive_layout',
          'Tệp XLSX có dữ liệu nằm ngoài các mục mà tệp tự khai báo (có thể bị ghép hoặc bị chỉnh sửa); hệ thống không đọc tệp này. Hãy mở tệp bằng Excel, lưu lại rồi tải lên.',
          'The XLSX file holds data outside the entries it declares; it is not read. Open it in Excel, save it again and upload that.',
          'file',
        );
      }
      if (e instanceof UnreadableFileError) {
        this.log.warn(`unreadable template workbook: ${e.message}`);
        throw badRequest('file', 'Không đọc được tệp: tệp không phải XLSX hợp lệ, hoặc đã bị hỏng. Hãy tải biểu mẫu về, sửa rồi tải lên.', 'The file is not a valid XLSX workbook, or it is damaged.');
      }
      throw e;
    }
    if (!sheets) throw badRequest('file', 'Cần gửi tệp XLSX của biểu mẫu trong thân yêu cầu.', 'Send the template workbook (XLSX) as the request body.');
    const byName = new Map(sheets.map((s) => [s.name.normalize('NFC').trim().toLowerCase(), s.rows]));
    const input: Partial<Record<TemplateSheetKey, SheetRowIn[]>> = {};
    for (const key of Object.keys(TEMPLATE_SHEET_NAMES) as TemplateSheetKey[]) {
      const rows = byName.get(TEMPLATE_SHEET_NAMES[key].toLowerCase());
      if (rows) input[key] = rows;
    }
    // A sheet renamed in Excel: the first sheet is the rows.
    if (!input.nodes && sheets[0]) input.nodes = sheets[0].rows;
    const read = sheetsToTemplate(input, { version: opts.version });
    const version = read.ok ? read.template.version : (opts.version ?? null);
    const result: TemplateUploadResultDto = { dryRun: opts.dryRun, ok: read.ok, created: false, version, rows: read.ok ? read.template.nodes.length : 0, rules: read.ok ? read.template.rules.length : 0, issues: read.issues };
    if (read.ok && (await this.templates.getOrThrow(read.template.version).then(() => true, () => false))) {
      result.ok = false;
      result.issues = [
        {
          sheet: TEMPLATE_SHEET_NAMES.info,
          row: null,
          code: null,
          field: 'version',
          vi: `Phiên bản "${read.template.version}" đã có; hãy đặt mã phiên bản mới (ô "Phiên bản" hoặc tham số version).`,
          en: `Version "${read.template.version}" already exists; give a new version id.`,
        },
      ];
    }
    if (opts.dryRun) return result;
    if (!result.ok || !read.ok) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'template_invalid',
        `Biểu mẫu có ${result.issues.length} lỗi; chưa tạo bản nháp. ${result.issues.slice(0, 3).map((i) => i.vi).join(' ')}`,
        `The workbook has ${result.issues.length} error(s); no draft was created.`,
        result.issues[0]?.field ?? 'file',
        { ...result },
      );
    }
    await this.templates.createDraft(read.template);
    return { ...result, created: true };
  }

  private limitError(e: ImportLimitError): ApiError {
    return e.status === 413
      ? new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'import_too_large', e.vi, e.en, 'file')
      : new ApiError(HttpStatus.BAD_REQUEST, 'import_limit', e.vi, e.en, 'file');
  }
}
