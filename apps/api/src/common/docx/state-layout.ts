import { AlignmentType, BorderStyle, Paragraph, Table, TableBorders, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import { placeDateLine, stripXmlIllegal, type ReportDocumentFields } from '@cchc/shared';

/**
 * The state document layout of Nghị định 30/2020/NĐ-CP (Phụ lục I), shared by every DOCX the API writes
 * (the periodic report, the PAR sheet and the council's summary): page, fonts, the quốc hiệu block beside
 * the issuer, and "Nơi nhận" beside the signature.
 */

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Millimetres to twips, rounded (docx's own helper truncates: 20 mm would be 1133, not 1134). */
export const convertMillimetersToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);

// A4; margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
export const PAGE = { width: 11906, height: 16838 };
export const MARGIN = { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) };
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const FONT = 'Times New Roman';
/** Half-points: 14 pt body, 13 pt header lines, 12 pt tables and "Nơi nhận", 11 pt its items. */
export const PT = (pt: number) => pt * 2;
export const BODY = PT(14);
export const FIRST_LINE = convertMillimetersToTwip(12.7);
export const RULE = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } as const;
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
export const CELL_BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN };

export type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

// Every run of text passes here: characters XML cannot carry (stored before the API refused them) are dropped, or the DOCX would not open.
export const run = (text: string, s: RunStyle = {}) => new TextRun({ text: stripXmlIllegal(text), font: FONT, size: s.size ?? BODY, bold: s.bold, italics: s.italics });

export function line(
  text: string,
  opts: RunStyle & { align?: Align; after?: number; before?: number; indent?: { left?: number; right?: number; firstLine?: number; hanging?: number }; ruleUnder?: boolean; keepNext?: boolean } = {},
): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.LEFT,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0 },
    indent: opts.indent,
    keepNext: opts.keepNext,
    border: opts.ruleUnder ? { bottom: RULE } : undefined,
    children: [run(text, opts)],
  });
}

/** A body paragraph: justified, first line indented 1,27 cm, 6 pt after. */
export function bodyParagraph(text: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { before: 0, after: 120, line: 288 }, indent: { firstLine: FIRST_LINE }, children: [run(text, style)] });
}

/** A short centred rule: an empty paragraph bordered below, narrowed by indents to about a third of its cell. */
export function shortRule(cellWidth: number, ruleWidth: number): Paragraph {
  const side = Math.max(0, Math.round((cellWidth - ruleWidth) / 2));
  return new Paragraph({ spacing: { before: 0, after: 120 }, indent: { left: side, right: side }, border: { top: RULE }, children: [] });
}

export function borderless(widths: number[], cells: Paragraph[][]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: cells.map((children, i) => new TableCell({ width: { size: widths[i], type: WidthType.DXA }, borders: TableBorders.NONE, children })),
      }),
    ],
  });
}

export type HeaderFields = Pick<ReportDocumentFields, 'issuerParent' | 'issuerName' | 'soKyHieu' | 'place' | 'date'>;

/** Quốc hiệu block beside the issuer, as in Phụ lục I (mẫu 1.x): left 40 %, right 60 %. */
export function stateHeader(f: HeaderFields): Table {
  const left = Math.round(TEXT_WIDTH * 0.4);
  const right = TEXT_WIDTH - left;
  const c = AlignmentType.CENTER;
  const leftCell: Paragraph[] = [];
  if (f.issuerParent) leftCell.push(line(f.issuerParent.toLocaleUpperCase('vi'), { size: PT(13), align: c }));
  leftCell.push(line(f.issuerName.toLocaleUpperCase('vi'), { size: PT(13), bold: true, align: c }));
  leftCell.push(shortRule(left, Math.round(left / 3)));
  leftCell.push(line(`Số: ${f.soKyHieu}`, { size: PT(13), align: c }));
  const rightCell = [
    line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: PT(12), bold: true, align: c }),
    line('Độc lập - Tự do - Hạnh phúc', { size: PT(13), bold: true, align: c }),
    shortRule(right, Math.round(right * 0.55)),
    line(placeDateLine(f.place, f.date), { size: PT(14), italics: true, align: c }),
  ];
  return borderless([left, right], [leftCell, rightCell]);
}

/** A signature: capacity and title (14 pt bold), room for the signature and the seal, the name. */
export function signature(capacity: string, title: string, name: string): Paragraph[] {
  const c = AlignmentType.CENTER;
  const out: Paragraph[] = [];
  out.push(line(capacity.toLocaleUpperCase('vi'), { bold: true, align: c }));
  out.push(line(title.toLocaleUpperCase('vi'), { bold: true, align: c }));
  for (let i = 0; i < 4; i++) out.push(line('', { align: c }));
  out.push(line(name, { bold: true, align: c }));
  return out;
}

export type ClosingFields = Pick<ReportDocumentFields, 'noiNhan' | 'signerCapacity' | 'signerTitle' | 'signerName'>;

/** "Nơi nhận:" (12 pt bold italic, items 11 pt) beside the signature (14 pt bold), as in Phụ lục I. */
export function closingBlock(f: ClosingFields): Table {
  const left = Math.round(TEXT_WIDTH * 0.45);
  const right = TEXT_WIDTH - left;
  const items = f.noiNhan.map((t, i) => line(`- ${t}${i === f.noiNhan.length - 1 ? '.' : ';'}`, { size: PT(11) }));
  const leftCell = [line('Nơi nhận:', { size: PT(12), bold: true, italics: true }), ...items];
  return borderless([left, right], [leftCell, signature(f.signerCapacity, f.signerTitle, f.signerName)]);
}

/** A bordered table cell of one line of 12 pt text. */
export function gridCell(text: string, width: number, opts: RunStyle & { align?: Align; columnSpan?: number } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: CELL_BORDERS,
    verticalAlign: VerticalAlignTable.CENTER,
    columnSpan: opts.columnSpan,
    children: [line(text, { size: PT(12), ...opts })],
  });
}
