import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Cell } from '../exports/pivot-layout';

export interface ParsedSheet {
  format: 'csv' | 'xlsx';
  /** CSV only: the field delimiter, which also tells which decimal mark the file uses. */
  delimiter?: ',' | ';';
  /** rows[i][j] is spreadsheet row i+1, column j+1. */
  rows: Cell[][];
}

export class UnreadableFileError extends Error {}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads the uploaded bytes as XLSX (recognised by its zip signature, whatever the declared type) or CSV. */
export async function parseSheet(body: Buffer): Promise<ParsedSheet> {
  if (body.length >= 4 && body.subarray(0, 4).equals(ZIP_MAGIC)) return parseXlsx(body);
  return parseCsv(body);
}

function parseCsv(body: Buffer): ParsedSheet {
  const text = body.toString('utf8').replace(/^\ufeff/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // The header row is ours: whichever separator splits it more is the delimiter.
  const delimiter = (firstLine.split(';').length > firstLine.split(',').length ? ';' : ',');
  try {
    const rows = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
    return { format: 'csv', delimiter, rows };
  } catch (e) {
    throw new UnreadableFileError((e as Error).message);
  }
}

async function parseXlsx(body: Buffer): Promise<ParsedSheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(body);
  } catch (e) {
    throw new UnreadableFileError((e as Error).message);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new UnreadableFileError('no worksheet');
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = cellValue(cell.value);
    });
    rows[n - 1] = Array.from(cells, (v) => v ?? null);
  });
  return { format: 'xlsx', rows: Array.from(rows, (r) => r ?? []) };
}

/** A number stays a number; formulas give their cached result; rich text its plain text. */
function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as ExcelJS.CellFormulaValue).result);
    if ('richText' in v) return (v).richText.map((t) => t.text).join('');
    if ('text' in v) return String((v).text);
    if ('error' in v) return String((v).error);
  }
  return String(v);
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
