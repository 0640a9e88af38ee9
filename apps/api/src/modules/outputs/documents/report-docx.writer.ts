import {
  AlignmentType,
  Document,
  type ISectionOptions,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import {
  NARRATIVE_SECTION_KEYS,
  defaultTrichYeu,
  formatShortVietnameseDate,
  formatVietnameseNumber,
  narrativeSectionTitle,
  parsePeriodId,
  stripXmlIllegal,
  type NarrativeSubsection,
  type ReportDocumentFields,
  type StructuredNarrative,
  type Template,
  type UnitLevel,
} from '@cchc/shared';
import { BODY, CELL_BORDERS, FIRST_LINE, FONT, MARGIN, PAGE, PT, TEXT_WIDTH, closingBlock, convertMillimetersToTwip, gridCell, line, run, shortRule, stateHeader, type RunStyle } from '../../../common/docx/state-layout';
import { printedNodes } from './report-xlsx.writer';

export { DOCX_CONTENT_TYPE } from '../../../common/docx/state-layout';

export interface ReportDocxInput {
  template: Template;
  /** The level whose rows the appendix prints (a consolidated report prints the communes' rows). */
  appendixLevel: UnitLevel;
  unitName: string;
  periodId: string;
  fields: ReportDocumentFields;
  narrative: StructuredNarrative;
  values: Map<string, { value: number | null; note: string | null }>;
  /** Consolidated reports: "Tổng hợp từ 7/11 xã có báo cáo đã duyệt", printed under the appendix title. */
  coverageLine?: string | null;
}

/** Tab-separated paragraphs (a table pasted from Word) → a bordered table. */
function pastedTable(rows: string[]): Table {
  const cells = rows.map((r) => r.split('\t'));
  const cols = Math.max(...cells.map((c) => c.length));
  const widths = Array.from({ length: cols }, (_, i) => (i === 1 ? 0 : 1));
  const narrow = Math.round(TEXT_WIDTH / (cols + 3));
  const wide = TEXT_WIDTH - narrow * (cols - 1);
  const colWidths = widths.map((w) => (w === 0 ? wide : narrow));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: colWidths,
    layout: TableLayoutType.FIXED,
    rows: cells.map(
      (r, ri) =>
        new TableRow({
          children: Array.from({ length: cols }, (_, i) =>
            new TableCell({
              width: { size: colWidths[i], type: WidthType.DXA },
              borders: CELL_BORDERS,
              children: [line((r[i] ?? '').trim(), { size: PT(12), bold: ri === 0, align: i === 1 ? AlignmentType.LEFT : AlignmentType.CENTER })],
            }),
          ),
        }),
    ),
  });
}

/** Body paragraphs: justified, first line indented 1,27 cm, 6 pt after; runs of table rows become tables. */
function body(paragraphs: string[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (let i = 0; i < paragraphs.length; ) {
    if (paragraphs[i].includes('\t')) {
      const rows: string[] = [];
      while (i < paragraphs.length && paragraphs[i].includes('\t')) rows.push(paragraphs[i++]);
      out.push(pastedTable(rows));
      continue;
    }
    out.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: { before: 0, after: 120, line: 288 },
        indent: { firstLine: FIRST_LINE },
        children: [run(paragraphs[i++])],
      }),
    );
  }
  return out;
}

/** A heading of the narrative: justified, indented like the body, kept on the page of what follows. */
function headingLine(text: string, spaceBefore: number, style: RunStyle): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: spaceBefore, after: 120, line: 288 },
    indent: { firstLine: FIRST_LINE },
    keepNext: true,
    children: [run(text, style)],
  });
}

function subsection(s: NarrativeSubsection, depth: number, out: (Paragraph | Table)[]): void {
  // 1. bold; 1.1. bold italic; deeper italic — the usual hierarchy of administrative reports.
  out.push(headingLine(`${s.number}. ${s.title}`, 60, { bold: depth <= 2, italics: depth >= 2 }));
  out.push(...body(s.paragraphs));
  for (const c of s.children ?? []) subsection(c, depth + 1, out);
}

function narrativeBlocks(n: StructuredNarrative, year: number | undefined): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const key of NARRATIVE_SECTION_KEYS) {
    const s = n[key];
    out.push(headingLine(`${key}. ${(s?.title || narrativeSectionTitle(key, year)).toLocaleUpperCase('vi')}`, 120, { bold: true }));
    if (!s) continue;
    out.push(...body(s.intro));
    for (const sub of s.subsections) subsection(sub, 1, out);
  }
  return out;
}

/** "UBND XÃ QUẢNG THỌ" → "UBND xã Quảng Thọ", as the closing sentence names the issuer. */
function issuerInSentence(issuer: string, unitName: string): string {
  const m = /^(Xã|Phường|Thị trấn|Huyện|Quận|Thị xã|Thành phố|Tỉnh)\s+(.*)$/u.exec(unitName.trim());
  if (m) return `UBND ${m[1].toLocaleLowerCase('vi')} ${m[2]}`;
  return issuer;
}

/**
 * The level's rows, plus the other "Trong đó" rows of a breakdown the level prints: the form
 * prints a breakdown whole (Quảng Thọ's shows the district's 7.6.1.1 row, blank), and "Trong đó"
 * sits on its first row, so a half-printed breakdown would read back onto the wrong code.
 */
function appendixNodes(template: Template, level: UnitLevel): Template['nodes'] {
  const printed = new Set(printedNodes(template, level).map((n) => n.code));
  const parents = new Set(template.nodes.filter((n) => n.breakdown && printed.has(n.code)).map((n) => n.parent));
  return template.nodes.filter((n) => printed.has(n.code) || (n.breakdown && parents.has(n.parent)));
}

/**
 * The appendix as printed: STT, Chỉ tiêu thống kê, Đơn vị tính, Số liệu, Ghi chú; Vietnamese
 * numbers (1.714, 56,1), blanks left blank, headings bold, only the rows the level reports.
 */
function appendix(input: ReportDocxInput): (Paragraph | Table)[] {
  const f = input.fields;
  const c = AlignmentType.CENTER;
  const out: (Paragraph | Table)[] = [
    new Paragraph({ pageBreakBefore: true, alignment: c, children: [run('Phụ lục', { bold: true })] }),
    line('THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC', { bold: true, align: c }),
    line(`TẠI ${f.issuerName.toLocaleUpperCase('vi')}`, { bold: true, align: c }),
    line(`(Kèm theo Báo cáo số ${f.soKyHieu.trim()} ngày ${formatShortVietnameseDate(f.date)} của ${issuerInSentence(f.issuerName, input.unitName)})`, { italics: true, align: c, after: input.coverageLine ? 0 : 200 }),
  ];
  if (input.coverageLine) out.push(line(input.coverageLine, { italics: true, align: c, after: 200 }));

  const w = [900, 0, 1350, 1050, 2200];
  w[1] = TEXT_WIDTH - w.reduce((a, b) => a + b, 0);
  const h = { bold: true, align: c };
  const head1 = new TableRow({
    tableHeader: true,
    children: [
      new TableCell({ width: { size: w[0], type: WidthType.DXA }, borders: CELL_BORDERS, rowSpan: 2, verticalAlign: VerticalAlignTable.CENTER, children: [line('STT', { size: PT(12), ...h })] }),
      new TableCell({
        width: { size: w[1], type: WidthType.DXA },
        borders: CELL_BORDERS,
        rowSpan: 2,
        verticalAlign: VerticalAlignTable.CENTER,
        children: [new Paragraph({ alignment: c, children: [run('Chỉ tiêu thống kê ', { size: PT(12), bold: true }), run('(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)', { size: PT(12), italics: true })] })],
      }),
      new TableCell({ width: { size: w[2] + w[3], type: WidthType.DXA }, borders: CELL_BORDERS, columnSpan: 2, children: [line('Kết quả thống kê', { size: PT(12), ...h })] }),
      new TableCell({ width: { size: w[4], type: WidthType.DXA }, borders: CELL_BORDERS, rowSpan: 2, verticalAlign: VerticalAlignTable.CENTER, children: [line('Ghi chú', { size: PT(12), ...h })] }),
    ],
  });
  const head2 = new TableRow({
    tableHeader: true,
    children: [gridCell('Đơn vị tính', w[2], h), gridCell('Số liệu', w[3], h)],
  });
  const rows = [head1, head2];
  for (const n of appendixNodes(input.template, input.appendixLevel)) {
    const v = input.values.get(n.code);
    const stt = n.breakdown ? (n.printedCode ?? '') : `${n.code}.`;
    const bold = n.depth === 1 || n.isHeading;
    const value = typeof v?.value === 'number' ? formatVietnameseNumber(v.value, 2) : '';
    const note = v?.note ?? n.guidance ?? '';
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          gridCell(stt, w[0], { bold, align: c }),
          gridCell(n.title, w[1], { bold }),
          gridCell(n.displayUnit ?? n.unit, w[2], { align: c }),
          gridCell(value, w[3], { bold, align: AlignmentType.RIGHT }),
          gridCell(note, w[4]),
        ],
      }),
    );
  }
  out.push(new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: w, layout: TableLayoutType.FIXED, rows }));
  return out;
}

/** One report as the official document of Nghị định 30/2020/NĐ-CP (Phụ lục I), with its appendix table on its own page. */
export async function buildReportDocx(input: ReportDocxInput): Promise<Buffer> {
  const f = input.fields;
  const year = parsePeriodId(input.periodId)?.year;
  const c = AlignmentType.CENTER;
  const trichYeu = f.trichYeu || defaultTrichYeu(input.periodId);
  const kinhGui: Paragraph[] =
    f.kinhGui.length <= 1
      ? [line(`Kính gửi: ${f.kinhGui[0] ?? ''}.`, { align: c, before: 120, after: 240 })]
      : [
          line('Kính gửi:', { align: AlignmentType.LEFT, before: 120, indent: { left: convertMillimetersToTwip(35) } }),
          ...f.kinhGui.map((k, i) =>
            line(`- ${k}${i === f.kinhGui.length - 1 ? '.' : ';'}`, { indent: { left: convertMillimetersToTwip(45) }, after: i === f.kinhGui.length - 1 ? 240 : 0 }),
          ),
        ];
  const unitInSentence = issuerInSentence(f.issuerName, input.unitName);
  const closing = `Trên đây là Báo cáo ${trichYeu.charAt(0).toLocaleLowerCase('vi')}${trichYeu.slice(1)} của ${unitInSentence}./.`;

  const children: (Paragraph | Table)[] = [
    stateHeader(f),
    line('BÁO CÁO', { bold: true, align: c, before: 360 }),
    line(trichYeu, { bold: true, align: c }),
    shortRule(TEXT_WIDTH, Math.round(TEXT_WIDTH / 4)),
    ...kinhGui,
    ...body(f.preamble ?? []),
    ...narrativeBlocks(input.narrative, year),
    ...body([closing]),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
    closingBlock(f),
    ...appendix(input),
  ];
  const section: ISectionOptions = {
    properties: { page: { size: PAGE, margin: MARGIN } },
    children,
  };
  const doc = new Document({
    creator: stripXmlIllegal(f.issuerName),
    title: stripXmlIllegal(`Báo cáo ${trichYeu}`),
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [section],
  });
  return Packer.toBuffer(doc);
}
