import { rowStatusLabel, type IndicatorNode } from '@cchc/shared';
import type { PivotRow } from './pivot-rows';

/**
 * The layout shared by the CSV and XLSX pivots and read back by the importer:
 * three header rows (codes, titles, units), then one row per unit, then the total row
 * (unit-code cell empty, name starting with "Tổng hợp").
 */
export const FIXED_HEADERS = ['Mã đơn vị', 'Tên đơn vị', 'Trạng thái', 'Số xã đã tính', 'Số xã phải báo cáo'] as const;
export const TITLE_ROW_LABEL = 'Tên chỉ tiêu';
export const UNIT_ROW_LABEL = 'Đơn vị tính';
export const TOTAL_PREFIX = 'Tổng hợp';

export type Cell = string | number | null;

/** A pivot column: an indicator, or one option of a choice indicator (`<code>#<value>`). */
export type PivotColumn = Pick<IndicatorNode, 'code' | 'title' | 'unit' | 'displayUnit'>;

export function headerRows(columns: PivotColumn[]): Cell[][] {
  const pad = FIXED_HEADERS.slice(1).map(() => '');
  return [
    [...FIXED_HEADERS, ...columns.map((c) => c.code)],
    [TITLE_ROW_LABEL, ...pad, ...columns.map((c) => c.title)],
    [UNIT_ROW_LABEL, ...pad, ...columns.map((c) => c.displayUnit ?? c.unit)],
  ];
}

export function rowCells(row: PivotRow): Cell[] {
  return [row.code, row.name, rowStatusLabel(row.status), row.reported, row.expected, ...row.values];
}
