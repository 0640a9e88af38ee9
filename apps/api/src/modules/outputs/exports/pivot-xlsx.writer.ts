import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { PivotRow } from './pivot-rows';
import { FIXED_HEADERS, headerRows, rowCells, type Cell, type PivotColumn } from './pivot-layout';
import { drained } from './utils/backpressure';
import { xmlCell } from './utils/safe-text';

/** Excel draws separators from the reader's locale: a Vietnamese Excel shows 1.234,5 with these. */
export const INTEGER_FORMAT = '#,##0';
/** Means and shares show 2 decimals; the cell keeps the full value. */
export const DECIMAL_FORMAT = '#,##0.00';

const HEADER_ROWS = 3;
const FIXED_WIDTHS = [11, 30, 16, 9, 9];
const VALUE_WIDTH = 14;

/**
 * exceljs' streaming writer pushes committed rows into the zip entry without heeding backpressure,
 * so a compressor slower than the database would buffer the whole sheet. Its entry stream is
 * internal: when it is over its mark, wait for it to drain (skipped if exceljs ever changes shape).
 */
async function zipCaughtUp(ws: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const pipes = (ws as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const p of pipes) {
    const state = (p as unknown as { _writableState?: { length: number; highWaterMark: number } })._writableState;
    if (state && state.length > state.highWaterMark) await drained(p, out);
  }
}

export function numFmtFor(v: number): string {
  return Number.isInteger(v) ? INTEGER_FORMAT : DECIMAL_FORMAT;
}

/**
 * Streams a pivot as XLSX with exceljs' streaming writer: rows are committed as they come and
 * strings are written inline (no shared-string table), so memory stays flat whatever the size.
 */
export async function writePivotXlsx(
  out: Writable,
  meta: { title: string; sheetName: string },
  columns: PivotColumn[],
  pages: AsyncIterable<PivotRow[]>,
  total: () => Promise<PivotRow>,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'CCHC';
  wb.title = meta.title;
  const width = FIXED_HEADERS.length + columns.length;
  const ws = wb.addWorksheet(meta.sheetName.slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROWS }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = Array.from({ length: width }, (_, i) => ({ width: FIXED_WIDTHS[i] ?? VALUE_WIDTH }));
  ws.autoFilter = { from: { row: HEADER_ROWS, column: 1 }, to: { row: HEADER_ROWS, column: width } };

  headerRows(columns).forEach((cells, i) => {
    const row = ws.addRow(cells.map(xmlCell));
    row.font = { bold: true };
    row.alignment = { vertical: 'top', wrapText: true };
    if (i === 1) row.height = 90;
    row.commit();
  });
  const add = (cells: Cell[], bold: boolean) => {
    const row = ws.addRow(cells.map(xmlCell));
    cells.forEach((v, i) => {
      if (typeof v === 'number') row.getCell(i + 1).numFmt = numFmtFor(v);
    });
    if (bold) row.font = { bold: true };
    row.commit();
  };
  for await (const page of pages) {
    for (const r of page) add(rowCells(r), false);
    // Let the compressor and a slow client catch up before reading the next page.
    await zipCaughtUp(ws, out);
    if (out.writableNeedDrain || out.destroyed) await drained(out, out);
  }
  add(rowCells(await total()), true);
  ws.commit();
  await wb.commit();
}
