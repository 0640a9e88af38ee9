import ExcelJS from 'exceljs';
import { neutralizeFormula, stripXmlIllegal, type IndicatorNode, type Template, type UnitLevel } from '@cchc/shared';
import { numFmtFor } from '../exports/pivot-xlsx.writer';

export interface ReportSheetInput {
  template: Template;
  unitName: string;
  unitLevel: UnitLevel;
  periodLabel: string;
  statusLabel: string;
  values: Map<string, { value: number | null; note: string | null }>;
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The nodes a unit of this level prints: its own indicators and the headings above them. */
export function printedNodes(template: Template, level: UnitLevel): IndicatorNode[] {
  const own = (n: IndicatorNode) => !n.isHeading && (n.levels ?? []).includes(level);
  const keep = new Set(template.nodes.filter(own).map((n) => n.code));
  const byCode = new Map(template.nodes.map((n) => [n.code, n]));
  for (const code of [...keep]) {
    for (let p = byCode.get(code)?.parent; p; p = byCode.get(p)?.parent) keep.add(p);
  }
  return template.nodes.filter((n) => keep.has(n.code));
}

/**
 * One unit's report in the appendix layout of the printed form ("Phụ lục — Thống kê số liệu…"):
 * STT, Chỉ tiêu, Đơn vị tính, Số liệu, Ghi chú, headings in bold, titles indented by depth,
 * set up to print on A4 at page width with the header repeated on every page.
 */
export async function buildReportXlsx(input: ReportSheetInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CCHC';
  const ws = wb.addWorksheet('Phụ lục', {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '6:7',
    },
    views: [{ state: 'frozen', ySplit: 7 }],
  });
  ws.columns = [{ width: 9 }, { width: 58 }, { width: 14 }, { width: 12 }, { width: 40 }];

  const title = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(row, 1, row, 5);
    const c = ws.getCell(row, 1);
    c.value = stripXmlIllegal(text);
    c.font = font;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  title(1, 'Phụ lục', { italic: true });
  title(2, 'THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC', { bold: true, size: 13 });
  title(3, `TẠI UBND ${input.unitName.toLocaleUpperCase('vi')}`, { bold: true, size: 13 });
  title(4, `Kỳ báo cáo: ${input.periodLabel} — Trạng thái: ${input.statusLabel}`, { italic: true });

  ws.getRow(6).values = ['STT', 'Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)', 'Kết quả thống kê', '', 'Ghi chú'];
  ws.getRow(7).values = ['', '', 'Đơn vị tính', 'Số liệu', ''];
  ws.mergeCells('A6:A7');
  ws.mergeCells('B6:B7');
  ws.mergeCells('C6:D6');
  ws.mergeCells('E6:E7');
  for (const r of [6, 7]) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    for (let c = 1; c <= 5; c++) {
      row.getCell(c).border = THIN;
      row.getCell(c).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  }

  for (const n of printedNodes(input.template, input.unitLevel)) {
    const v = input.values.get(n.code);
    const stt = n.breakdown ? (n.printedCode ?? '') : `${n.code}.`;
    // The note is the officer's free text: shown, never run as a formula, and only characters a workbook can hold.
    const note = v?.note ? neutralizeFormula(stripXmlIllegal(v.note)) : (n.guidance ?? null);
    const row = ws.addRow([stt, n.title, n.displayUnit ?? n.unit, v?.value ?? null, note]);
    const heading = n.depth === 1 || n.isHeading;
    for (let c = 1; c <= 5; c++) {
      row.getCell(c).border = THIN;
      row.getCell(c).alignment = { vertical: 'top', wrapText: true };
    }
    row.getCell(2).alignment = { vertical: 'top', wrapText: true, indent: Math.max(0, n.depth - 1) };
    row.getCell(3).alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
    if (typeof v?.value === 'number') {
      row.getCell(4).numFmt = numFmtFor(v.value);
      row.getCell(4).alignment = { horizontal: 'right', vertical: 'top' };
    }
    if (heading) row.font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
