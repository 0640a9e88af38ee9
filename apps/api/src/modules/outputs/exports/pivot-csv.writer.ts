import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { PivotRow } from './pivot-rows';
import { headerRows, rowCells, type Cell } from './pivot-layout';
import { drained } from './utils/backpressure';
import { csvCell } from './utils/safe-text';

export type CsvDecimal = 'dot' | 'comma';

/**
 * Streams a pivot as CSV. Machines get plain numbers (`56.1`, `,` between fields); `comma` gives
 * what Excel with Vietnamese regional settings expects (`56,1`, `;` between fields). Never thousands
 * separators: a CSV is read back, not looked at.
 */
/** At most 2 decimals for computed figures (a mean of 56.123456… reads 56.12); typed values stay as typed. */
export function roundFigure(v: number | null): number | null {
  return v === null ? null : Math.round(v * 100) / 100;
}

function shown(row: PivotRow): PivotRow {
  return row.summary ? { ...row, values: row.values.map(roundFigure) } : row;
}

export async function writePivotCsv(
  out: Writable,
  columns: Parameters<typeof headerRows>[0],
  pages: AsyncIterable<PivotRow[]>,
  total: () => Promise<PivotRow>,
  decimal: CsvDecimal,
): Promise<void> {
  // The byte-order mark makes Excel read UTF-8 (Vietnamese) instead of the local code page.
  const csv = stringify({ delimiter: decimal === 'comma' ? ';' : ',', bom: true, record_delimiter: 'windows' });
  csv.pipe(out);
  const num = (v: Cell): Cell => (typeof v === 'number' && decimal === 'comma' ? String(v).replace('.', ',') : v);
  const write = async (cells: Cell[]) => {
    if (!csv.write(cells.map((c) => (c === null ? '' : num(csvCell(c)))))) await drained(csv, out);
  };
  for (const h of headerRows(columns)) await write(h);
  for await (const page of pages) for (const row of page) await write(rowCells(shown(row)));
  await write(rowCells(shown(await total())));
  csv.end();
  await once(csv, 'end');
}
