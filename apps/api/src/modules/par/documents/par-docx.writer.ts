import { AlignmentType, Document, Packer, Paragraph, Table, TableLayoutType, TableRow, WidthType } from 'docx';
import {
  PAR_SHEET_STATUS_LABELS,
  PAR_SHEET_STATUSES,
  formatShortVietnameseDate,
  formatVietnameseNumber,
  issuerOf,
  placeName,
  stripXmlIllegal,
  type DocumentUnit,
  type ParCriteriaSet,
  type ParSheetStatusCode,
} from '@cchc/shared';
import {
  BODY,
  FONT,
  MARGIN,
  PAGE,
  PT,
  TEXT_WIDTH,
  borderless,
  bodyParagraph,
  closingBlock,
  gridCell,
  line,
  shortRule,
  signature,
  stateHeader,
} from '../../../common/docx/state-layout';

/** One scored part of a row as the sheet shows it (self, an appraisal, the outcome). */
export interface ParDocxScore {
  score: number | null;
  notApplicable: boolean;
}

export interface ParSheetDocxRow {
  code: string;
  maxPoints: number;
  self: ParDocxScore;
  /** The score that counts, or null while no appraiser has spoken. */
  appraised: ParDocxScore | null;
  note: string | null;
  documents: Array<{ number: string; date: string; title?: string }>;
  files: string[];
}

export interface ParSheetDocxInput {
  year: number;
  roundTitle: string;
  set: ParCriteriaSet;
  unit: DocumentUnit;
  parent: DocumentUnit | null;
  /** YYYY-MM-DD printed beside the place. */
  date: string;
  status: ParSheetStatusCode;
  rows: ParSheetDocxRow[];
  domains: Array<{ code: string; max: number; self: number; appraised: number }>;
  selfTotal: number;
  appraisedTotal: number;
  applicableMax: number;
  adjustments: Array<{ kind: 'bonus' | 'penalty'; points: number; reason: string; documents?: Array<{ number: string; date: string; title?: string }> }>;
}

const num = (n: number | null | undefined) => (typeof n === 'number' ? formatVietnameseNumber(n, 2) : '');
const NA = 'Không áp dụng';
const scoreText = (s: ParDocxScore | null) => (!s ? '' : s.notApplicable ? NA : num(s.score));
const c = AlignmentType.CENTER;
const r = AlignmentType.RIGHT;

function basisLine(set: ParCriteriaSet): string[] {
  const out = [`(Theo ${set.title}${set.basis ? ` — ${set.basis}` : ''})`];
  // Screens say so too: a demo set is not an official decision.
  if (set.demo) out.push('(Bộ tiêu chí minh họa, không phải quyết định chính thức)');
  return out;
}

function gridTable(widths: number[], head: string[], body: TableRow[], fontPt = 12): Table {
  const header = new TableRow({ tableHeader: true, children: head.map((h, i) => gridCell(h, widths[i], { bold: true, align: c, size: PT(fontPt) })) });
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [header, ...body] });
}

function widthsOf(fixed: number[], wideAt: number): number[] {
  const w = [...fixed];
  w[wideAt] = TEXT_WIDTH - fixed.reduce((a, b, i) => (i === wideAt ? a : a + b), 0);
  return w;
}

async function pack(title: string, creator: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: stripXmlIllegal(creator),
    title: stripXmlIllegal(title),
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children }],
  });
  return Packer.toBuffer(doc);
}

/**
 * The commune's sheet for signing: the state header, every sub-criterion with its max, the self score,
 * the appraised score once there is one and the evidence cited, domain and grand totals, the
 * bonus/penalty entries, and the chairman's signature.
 */
export async function buildParSheetDocx(input: ParSheetDocxInput): Promise<Buffer> {
  const byCode = new Map(input.rows.map((x) => [x.code, x]));
  const domainTotals = new Map(input.domains.map((d) => [d.code, d]));
  const w = widthsOf([850, 0, 900, 1050, 1050, 2300], 1);
  const body: TableRow[] = [];
  for (const d of input.set.domains) {
    const t = domainTotals.get(d.code);
    body.push(
      new TableRow({
        cantSplit: true,
        children: [gridCell(d.code, w[0], { bold: true, align: c }), gridCell(d.title, w[1], { bold: true }), gridCell(num(t?.max), w[2], { bold: true, align: r }), gridCell(num(t?.self), w[3], { bold: true, align: r }), gridCell(input.status === 'draft' || input.status === 'submitted' ? '' : num(t?.appraised), w[4], { bold: true, align: r }), gridCell('', w[5])],
      }),
    );
    for (const cr of d.criteria) {
      body.push(new TableRow({ cantSplit: true, children: [gridCell(cr.code, w[0], { bold: true, italics: true, align: c }), gridCell(cr.title, w[1], { bold: true, italics: true }), gridCell('', w[2]), gridCell('', w[3]), gridCell('', w[4]), gridCell('', w[5])] }));
      for (const s of cr.subCriteria) {
        const row = byCode.get(s.code);
        const refs = [
          ...(row?.documents ?? []).map((doc) => `${doc.number} ngày ${formatShortVietnameseDate(doc.date)}${doc.title ? ` (${doc.title})` : ''}`),
          ...(row?.files ?? []).map((f) => `Tệp: ${f}`),
          ...(row?.note ? [`Ghi chú: ${row.note}`] : []),
        ];
        body.push(
          new TableRow({
            cantSplit: true,
            children: [
              gridCell(s.code, w[0], { align: c }),
              gridCell(s.title, w[1]),
              gridCell(num(s.maxPoints), w[2], { align: r }),
              gridCell(row ? scoreText(row.self) : '', w[3], { align: r }),
              gridCell(scoreText(row?.appraised ?? null), w[4], { align: r }),
              gridCell(refs.join('; '), w[5], { size: PT(11) }),
            ],
          }),
        );
      }
    }
  }
  const appraisedShown = input.status !== 'draft' && input.status !== 'submitted';
  body.push(
    new TableRow({
      cantSplit: true,
      children: [gridCell('', w[0]), gridCell('TỔNG ĐIỂM', w[1], { bold: true }), gridCell(num(input.applicableMax), w[2], { bold: true, align: r }), gridCell(num(input.selfTotal), w[3], { bold: true, align: r }), gridCell(appraisedShown ? num(input.appraisedTotal) : '', w[4], { bold: true, align: r }), gridCell('', w[5])],
    }),
  );

  const fields = {
    issuerParent: input.parent ? issuerOf(input.parent.name) : '',
    issuerName: issuerOf(input.unit.name),
    soKyHieu: '     /BC-UBND',
    place: placeName(input.unit.name),
    date: input.date,
  };
  const children: (Paragraph | Table)[] = [
    stateHeader(fields),
    line('BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM', { bold: true, align: c, before: 360 }),
    line(`Chỉ số cải cách hành chính năm ${input.year} của ${input.unit.name}`, { bold: true, align: c }),
    ...basisLine(input.set).map((t) => line(t, { italics: true, align: c })),
    shortRule(TEXT_WIDTH, Math.round(TEXT_WIDTH / 4)),
    bodyParagraph(`Kỳ đánh giá: ${input.roundTitle}. Trạng thái phiếu: ${PAR_SHEET_STATUS_LABELS[input.status].vi}.`),
    bodyParagraph('Điểm "Không áp dụng" không tính vào điểm tối đa; cột "Thẩm định" ghi điểm được tính sau thẩm định (để trống khi chưa thẩm định).', { italics: true, size: PT(12) }),
    gridTable(w, ['Mã', 'Lĩnh vực, tiêu chí, tiêu chí thành phần', 'Điểm tối đa', 'Tự đánh giá', 'Thẩm định', 'Tài liệu kiểm chứng'], body),
  ];
  if (input.adjustments.length) {
    children.push(line('Điểm thưởng, điểm trừ của Hội đồng thẩm định:', { bold: true, before: 200, after: 60 }));
    for (const a of input.adjustments) {
      const cited = a.documents?.length ? ` (căn cứ: ${a.documents.map((d) => `${d.number} ngày ${formatShortVietnameseDate(d.date)}${d.title ? ` – ${d.title}` : ''}`).join('; ')})` : '';
      children.push(bodyParagraph(`- ${a.kind === 'bonus' ? 'Điểm thưởng' : 'Điểm trừ'} ${num(a.points)}: ${a.reason}${cited}`));
    }
  }
  children.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  children.push(closingBlock({ noiNhan: ['Hội đồng thẩm định Chỉ số CCHC', 'Lưu: VT'], signerCapacity: 'TM. ỦY BAN NHÂN DÂN', signerTitle: 'CHỦ TỊCH', signerName: '' }));
  return pack(`Bảng tự đánh giá Chỉ số CCHC năm ${input.year} — ${input.unit.name}`, fields.issuerName, children);
}

export interface ParSummaryDocxUnit {
  rank: number;
  unitName: string;
  status: ParSheetStatusCode;
  self: number;
  appraised: number;
  bonus: number;
  penalty: number;
  surveyPoints: number | null;
  index: number;
  band: string;
}

export interface ParSummaryDocxInput {
  year: number;
  roundTitle: string;
  set: ParCriteriaSet;
  /** The appraising unit (the province in two tiers, a district in three). */
  appraisingUnit: DocumentUnit;
  date: string;
  scale: { appraisedMax: number; surveyWeight: number; bonusCap: number; penaltyCap: number };
  bands: Array<{ name: string; min: number }>;
  /** ISO timestamp of publication, or null: the minutes say which. */
  publishedAt: string | null;
  units: ParSummaryDocxUnit[];
}

/**
 * The council's summary (biên bản tổng hợp kết quả thẩm định): the state header under the appraising
 * unit, what was appraised and how it scores, where every commune stands, the table of results by rank,
 * the count per band, and the secretary's and chairman's signatures.
 */
export async function buildParSummaryDocx(input: ParSummaryDocxInput): Promise<Buffer> {
  const n = input.units.length;
  const byStatus = PAR_SHEET_STATUSES.map((s) => [s, input.units.filter((u) => u.status === s).length] as const).filter(([, k]) => k > 0);
  const bands = [...input.bands].sort((a, b) => b.min - a.min);
  const bandRule = bands.map((b, i) => (i === bands.length - 1 ? `${b.name}: dưới ${num(bands[i - 1]?.min ?? 0)} %` : `${b.name}: từ ${num(b.min)} %`)).join('; ');
  const perBand = bands.map((b) => `${b.name}: ${input.units.filter((u) => u.band === b.name).length}`).join('; ');

  const fields = {
    issuerParent: issuerOf(input.appraisingUnit.name),
    issuerName: 'HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CCHC',
    soKyHieu: '     /BB-HĐTĐ',
    place: placeName(input.appraisingUnit.name),
    date: input.date,
  };
  const w = widthsOf([600, 0, 900, 900, 700, 700, 900, 900, 1100, 750], 1);
  const rows = input.units.map(
    (u, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          gridCell(String(i + 1), w[0], { align: c, size: PT(11) }),
          gridCell(u.unitName, w[1], { size: PT(11) }),
          gridCell(num(u.self), w[2], { align: r, size: PT(11) }),
          gridCell(num(u.appraised), w[3], { align: r, size: PT(11) }),
          gridCell(num(u.bonus), w[4], { align: r, size: PT(11) }),
          gridCell(num(u.penalty), w[5], { align: r, size: PT(11) }),
          gridCell(num(u.surveyPoints), w[6], { align: r, size: PT(11) }),
          gridCell(num(u.index), w[7], { align: r, size: PT(11), bold: true }),
          gridCell(u.band, w[8], { align: c, size: PT(11) }),
          gridCell(String(u.rank), w[9], { align: c, size: PT(11) }),
        ],
      }),
  );
  const children: (Paragraph | Table)[] = [
    stateHeader(fields),
    line('BIÊN BẢN', { bold: true, align: c, before: 360 }),
    line(`Tổng hợp kết quả thẩm định Chỉ số cải cách hành chính năm ${input.year}`, { bold: true, align: c }),
    line(`của các xã, phường thuộc ${input.appraisingUnit.name}`, { bold: true, align: c }),
    ...basisLine(input.set).map((t) => line(t, { italics: true, align: c })),
    shortRule(TEXT_WIDTH, Math.round(TEXT_WIDTH / 4)),
    bodyParagraph(`Kỳ đánh giá: ${input.roundTitle}.`),
    bodyParagraph(`Hội đồng thẩm định đã thẩm định kết quả tự đánh giá của ${n} xã, phường tham gia. Tình trạng phiếu: ${byStatus.map(([s, k]) => `${PAR_SHEET_STATUS_LABELS[s].vi}: ${k}`).join('; ')}.`),
    bodyParagraph(
      `Thang điểm: ${num(input.scale.appraisedMax)} điểm thẩm định và ${num(input.scale.surveyWeight)} điểm điều tra xã hội học; điểm thưởng tối đa ${num(input.scale.bonusCap)}, điểm trừ tối đa ${num(input.scale.penaltyCap)}. Chỉ số là tổng điểm (thẩm định, thưởng, trừ, điều tra) tính theo tỷ lệ phần trăm của điểm tối đa áp dụng.`,
    ),
    bodyParagraph(`Xếp loại: ${bandRule}.`),
    bodyParagraph(input.publishedAt ? `Kết quả đã được công bố ngày ${formatShortVietnameseDate(input.publishedAt.slice(0, 10))}.` : 'Kết quả chưa được công bố; số liệu dưới đây là kết quả thẩm định tại thời điểm lập biên bản.'),
    line('Kết quả cụ thể:', { bold: true, before: 120, after: 120 }),
    gridTable(w, ['STT', 'Xã, phường', 'Tự đánh giá', 'Thẩm định', 'Điểm thưởng', 'Điểm trừ', 'Điều tra XHH', 'Chỉ số (%)', 'Xếp loại', 'Xếp hạng'], rows, 11),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
    bodyParagraph(`Số xã, phường theo xếp loại: ${perBand}.`),
    bodyParagraph('Biên bản được lập và thông qua tại cuộc họp của Hội đồng thẩm định./.'),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
    borderless([Math.round(TEXT_WIDTH / 2), TEXT_WIDTH - Math.round(TEXT_WIDTH / 2)], [signature('', 'THƯ KÝ HỘI ĐỒNG', ''), signature('', 'CHỦ TỊCH HỘI ĐỒNG', '')]),
  ];
  return pack(`Biên bản tổng hợp kết quả thẩm định Chỉ số CCHC năm ${input.year}`, fields.issuerName, children);
}
