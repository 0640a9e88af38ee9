import { CRITERIA_INFO_SHEET_NAME, CRITERIA_LEVEL_LABELS, CRITERIA_SHEET_NAME, criteriaSetToSheet, type ParCriteriaSet, type CriteriaSheetCell } from '@cchc/shared';
import ExcelJS from 'exceljs';
import { badRequest } from '../../../common/api-error';

/** The set as a workbook: the rows sheet (one row per domain, criterion, sub-criterion) and the set's own fields. */
export async function writeCriteriaXlsx(set: ParCriteriaSet, version: string): Promise<Buffer> {
  const { rows, info } = criteriaSetToSheet(set);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CCHC';
  const ws = wb.addWorksheet(CRITERIA_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  rows.forEach((r, i) => {
    const row = ws.addRow(r);
    if (i === 0) row.font = { bold: true };
    else if (r[0] === CRITERIA_LEVEL_LABELS.domain || r[0] === CRITERIA_LEVEL_LABELS.criterion) row.font = { bold: true };
  });
  [22, 10, 60, 12, 18, 20, 16, 40, 40].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const wi = wb.addWorksheet(CRITERIA_INFO_SHEET_NAME);
  for (const r of info) wi.addRow(r);
  wi.addRow(['Phiên bản (khi tải về)', version]);
  wi.getColumn(1).width = 26;
  wi.getColumn(2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellValue(v: ExcelJS.CellValue): CriteriaSheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v) return cellValue((v as { result: ExcelJS.CellValue }).result);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text);
  return null;
}

function cellsOf(ws: ExcelJS.Worksheet | undefined, columns: number): CriteriaSheetCell[][] {
  const out: CriteriaSheetCell[][] = [];
  ws?.eachRow({ includeEmpty: true }, (row, n) => {
    out[n - 1] = Array.from({ length: columns }, (_, i) => cellValue(row.getCell(i + 1).value));
  });
  for (let i = 0; i < out.length; i++) out[i] ??= [];
  return out;
}

/** The two sheets' cells, by name (falling back to position), for the shared reader to judge. */
export async function readCriteriaXlsx(bytes: Buffer): Promise<{ rows: CriteriaSheetCell[][]; info: CriteriaSheetCell[][] }> {
  if (!bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) throw badRequest('file', 'Tệp không phải XLSX.', 'Not an XLSX file.');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes);
  } catch {
    throw badRequest('file', 'Không đọc được tệp XLSX.', 'Unreadable XLSX file.');
  }
  const rowsSheet = wb.getWorksheet(CRITERIA_SHEET_NAME) ?? wb.worksheets[0];
  const infoSheet = wb.getWorksheet(CRITERIA_INFO_SHEET_NAME) ?? wb.worksheets[1];
  return { rows: cellsOf(rowsSheet, 9), info: cellsOf(infoSheet, 2) };
}
