import { pipeline, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse, type Parser } from 'csv-parse';
import type { ImportLimits } from '../../../config/config.schema';
import type { Cell } from '../exports/pivot-layout';
import { ArchiveLayoutError, ImportLimitError, UnreadableFileError } from './import-errors';
import { checkUnzippedSize, readCentralDirectory, rebuildFromDirectory } from './zip-entries.parser';

export { ArchiveLayoutError, ImportLimitError, UnreadableFileError };

export interface SheetRow {
  /** The spreadsheet row number (from 1). */
  row: number;
  /** cells[j] is column j+1. */
  cells: Cell[];
}

export interface OpenedSheet {
  format: 'csv' | 'xlsx';
  /** CSV only: the field delimiter, which also tells which decimal mark the file uses. */
  delimiter?: ',' | ';';
  /** Read lazily: every limit is checked as the bytes and rows arrive. */
  rows: AsyncIterable<SheetRow>;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const NL = 0x0a;

const mb = (n: number) => Math.round(n / 1_048_576);
const fmt = (n: number) => n.toLocaleString('vi-VN');

export function bodyTooLarge(limits: ImportLimits): ImportLimitError {
  return new ImportLimitError(
    413,
    `Tệp vượt quá giới hạn ${mb(limits.maxBytes)} MB cho một lần nhập; hãy chia tệp (ví dụ theo tỉnh) rồi nhập từng phần.`,
    `The file exceeds the ${mb(limits.maxBytes)} MB limit of one import; split it (by province, say) and import each part.`,
  );
}

const tooManyRows = (l: ImportLimits) =>
  new ImportLimitError(400, `Tệp có quá ${fmt(l.maxRows)} dòng (giới hạn số dòng của một lần nhập).`, `The file has more than ${l.maxRows} rows (the row limit of one import).`);
const tooManyColumns = (l: ImportLimits, row: number) =>
  new ImportLimitError(400, `Dòng ${row} có quá ${fmt(l.maxColumns)} cột (giới hạn số cột của một lần nhập).`, `Row ${row} has more than ${l.maxColumns} columns (the column limit of one import).`);
const cellTooLong = (l: ImportLimits, row: number) =>
  new ImportLimitError(400, `Dòng ${row} có ô dài quá ${fmt(l.maxCellChars)} ký tự (giới hạn độ dài một ô).`, `Row ${row} has a cell longer than ${l.maxCellChars} characters (the cell length limit).`);

/** Counts the body's bytes as they arrive; past the limit the read stops. */
async function* counted(body: AsyncIterable<unknown>, limits: ImportLimits): AsyncGenerator<Buffer> {
  let n = 0;
  for await (const chunk of body) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    n += b.length;
    if (n > limits.maxBytes) throw bodyTooLarge(limits);
    yield b;
  }
}

/**
 * Opens the uploaded byte stream as XLSX (recognised by its zip signature, whatever the declared type)
 * or CSV; null when it is empty. CSV is parsed as it streams in. XLSX needs its central directory, so its
 * (compressed, size-limited) bytes are held, its layout checked against the directory, what the listed
 * entries unzip to measured, and then the sheet XML of those entries only is read row by row with
 * exceljs' streaming reader — never the whole workbook model.
 */
export async function openSheet(body: AsyncIterable<unknown>, limits: ImportLimits): Promise<OpenedSheet | null> {
  const it = counted(body, limits)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLen = 0;
  let done = false;
  const pull = async () => {
    const r = await it.next();
    if (r.done) done = true;
    else {
      head.push(r.value);
      headLen += r.value.length;
    }
  };
  while (!done && headLen < 4) await pull();
  if (headLen === 0) return null;
  const start = Buffer.concat(head);
  if (start.length >= 4 && start.subarray(0, 4).equals(ZIP_MAGIC)) {
    const parts = [start];
    for (let r = await it.next(); !r.done; r = await it.next()) parts.push(r.value);
    return { format: 'xlsx', rows: xlsxRows(Buffer.concat(parts), limits) };
  }
  // The header row is ours: whichever separator splits it more is the delimiter.
  while (!done && !head.some((b) => b.includes(NL))) await pull();
  const prefix = Buffer.concat(head);
  const nl = prefix.indexOf(NL);
  const firstLine = prefix.toString('utf8', 0, nl < 0 ? prefix.length : nl).replace(/^\ufeff/, '');
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  async function* rest(): AsyncGenerator<Buffer> {
    yield prefix;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { format: 'csv', delimiter, rows: csvRows(Readable.from(rest()), delimiter, limits) };
}

async function* csvRows(source: Readable, delimiter: ',' | ';', limits: ImportLimits): AsyncGenerator<SheetRow> {
  const parser: Parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    // A record can never legitimately be longer than all its cells at their longest.
    max_record_size: limits.maxCellChars * limits.maxColumns,
  });
  pipeline(source, parser, () => undefined);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (row > limits.maxRows) throw tooManyRows(limits);
      if (record.length > limits.maxColumns) throw tooManyColumns(limits, row);
      if (record.some((c) => c.length > limits.maxCellChars)) throw cellTooLong(limits, row);
      yield { row, cells: record };
    }
  } catch (e) {
    if (e instanceof ImportLimitError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'CSV_MAX_RECORD_SIZE') throw cellTooLong(limits, row + 1);
    throw new UnreadableFileError(code ?? 'csv');
  } finally {
    source.destroy();
    parser.destroy();
  }
}

async function* xlsxRows(zip: Buffer, limits: ImportLimits): AsyncGenerator<SheetRow> {
  // Read as the central directory declares it: layout refused before anything is inflated, then the
  // listed entries measured, then only those entries handed to the reader.
  const entries = readCentralDirectory(zip);
  await checkUnzippedSize(zip, entries, limits.maxUnzippedBytes);
  const input = Readable.from([rebuildFromDirectory(zip, entries)]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const ws of reader as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
      sheets += 1;
      for await (const r of ws) {
        if (r.number > limits.maxRows) throw tooManyRows(limits);
        yield { row: r.number, cells: rowCells(r, limits) };
      }
      // Only the first worksheet is the data.
      break;
    }
  } catch (e) {
    if (e instanceof ImportLimitError || e instanceof UnreadableFileError) throw e;
    throw new UnreadableFileError('xlsx');
  } finally {
    input.destroy();
  }
  if (sheets === 0) throw new UnreadableFileError('no worksheet');
}

/**
 * Every worksheet of a small XLSX (a template workbook), by name, under the import's limits: the body's
 * bytes counted, the archive's layout and what it unzips to checked before anything is inflated; the
 * model is then read whole (it is bounded by IMPORT_MAX_UNZIPPED_BYTES) and each sheet held to the row,
 * column and cell limits. Null when the body is empty; a body that is not a zip is unreadable.
 */
export async function openWorkbook(body: AsyncIterable<unknown>, limits: ImportLimits): Promise<Array<{ name: string; rows: SheetRow[] }> | null> {
  const parts: Buffer[] = [];
  for await (const b of counted(body, limits)) parts.push(b);
  const zip = Buffer.concat(parts);
  if (zip.length === 0) return null;
  if (zip.length < 4 || !zip.subarray(0, 4).equals(ZIP_MAGIC)) throw new UnreadableFileError('not a zip');
  const entries = readCentralDirectory(zip);
  await checkUnzippedSize(zip, entries, limits.maxUnzippedBytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(rebuildFromDirectory(zip, entries));
  } catch {
    throw new UnreadableFileError('xlsx');
  }
  return wb.worksheets.map((ws) => {
    if (ws.rowCount > limits.maxRows) throw tooManyRows(limits);
    const rows: SheetRow[] = [];
    ws.eachRow((r) => {
      rows.push({ row: r.number, cells: rowCells(r, limits) });
    });
    return { name: ws.name, rows };
  });
}

/** A worksheet row's cells (exceljs counts columns from 1), held to the column and cell-length limits. */
function rowCells(r: ExcelJS.Row, limits: ImportLimits): Cell[] {
  const values = r.values as ExcelJS.CellValue[];
  if (values.length - 1 > limits.maxColumns) throw tooManyColumns(limits, r.number);
  const cells: Cell[] = [];
  for (let c = 1; c < values.length; c++) {
    const v = cellValue(values[c]);
    if (typeof v === 'string' && v.length > limits.maxCellChars) throw cellTooLong(limits, r.number);
    cells.push(v);
  }
  return cells;
}

/** A number stays a number; formulas give their cached result; rich text its plain text. */
function cellValue(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as ExcelJS.CellFormulaValue).result);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return JSON.stringify(v);
}

/** "A", "B", … "AA": how a spreadsheet user finds a column. */
export function columnLetter(index0: number): string {
  let n = index0 + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
