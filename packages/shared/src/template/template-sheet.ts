import { validateTemplate, type TemplateIssue } from './template-schema';
import type { AggregationRule, ChoiceOption, ConsistencyRule, IndicatorNode, Template, UnitLevel, ValueType } from './types';

/**
 * A template version as a workbook in the appendix's own layout, so a province can edit next year's
 * form in Excel and upload it back: the rows on the first sheet (the eight printed columns first, then
 * the columns the format needs beyond the print), the consistency rules on the second, the version's
 * own fields and the editorial decisions on two more. Pure data: the API writes and reads the cells.
 */

export type SheetCell = string | number | null;
export interface SheetRowIn {
  /** The spreadsheet's row number (from 1). */
  row: number;
  cells: SheetCell[];
}

export const TEMPLATE_SHEET_NAMES = {
  nodes: 'Chỉ tiêu',
  rules: 'Quy tắc kiểm tra',
  info: 'Thông tin phiên bản',
  decisions: 'Quyết định biên soạn',
} as const;
export type TemplateSheetKey = keyof typeof TEMPLATE_SHEET_NAMES;

const VALUE_TYPE_LABELS: Record<ValueType, string> = { count: 'Số đếm', decimal: 'Số thập phân', percent: 'Tỷ lệ %', yesno: 'Có/Không', choice: 'Chọn phương án' };
const LEVEL_LABELS: Record<UnitLevel, string> = { province: 'Tỉnh', district: 'Huyện', commune: 'Xã' };
const AGGREGATION_LABELS: Record<AggregationRule, string> = {
  sum: 'Tổng',
  mean: 'Bình quân',
  weighted_mean: 'Bình quân gia quyền',
  share_yes: 'Tỷ lệ đơn vị có',
  distribution: 'Phân bố theo phương án',
  max: 'Lớn nhất',
  min: 'Nhỏ nhất',
};
const KIND_LABELS: Record<ConsistencyRule['kind'], string> = { lte: '≤', eq: '=', gte: '≥', requires: 'Cần có' };
const BLANKS_LABELS: Record<NonNullable<ConsistencyRule['blanks']>, string> = { skip: 'Bỏ qua quy tắc', 'ignore-left': 'Bỏ qua ô trống vế trái' };
const SEVERITY_LABELS: Record<ConsistencyRule['severity'], string> = { error: 'Lỗi', warning: 'Cảnh báo' };

type NodeKey =
  | 'code'
  | 'title'
  | 'unit'
  | 'valueType'
  | 'levels'
  | 'aggregation'
  | 'required'
  | 'guidance'
  | 'parent'
  | 'options'
  | 'weightCode'
  | 'min'
  | 'max'
  | 'titleEn'
  | 'notes'
  | 'printedCode'
  | 'breakdown'
  | 'displayUnit'
  | 'renamedFrom';

/** The appendix's eight columns first, in its order; then what the format holds beyond the print. */
export const TEMPLATE_NODE_COLUMNS: ReadonlyArray<{ key: NodeKey; header: string }> = [
  { key: 'code', header: 'Mã/STT' },
  { key: 'title', header: 'Chỉ tiêu' },
  { key: 'unit', header: 'Đơn vị tính' },
  { key: 'valueType', header: 'Kiểu dữ liệu' },
  { key: 'levels', header: 'Cấp báo cáo' },
  { key: 'aggregation', header: 'Cách tổng hợp' },
  { key: 'required', header: 'Bắt buộc' },
  { key: 'guidance', header: 'Ghi chú' },
  { key: 'parent', header: 'Mã chỉ tiêu cha' },
  { key: 'options', header: 'Phương án' },
  { key: 'weightCode', header: 'Mã chỉ tiêu trọng số' },
  { key: 'min', header: 'Giá trị nhỏ nhất' },
  { key: 'max', header: 'Giá trị lớn nhất' },
  { key: 'titleEn', header: 'Chỉ tiêu (tiếng Anh)' },
  { key: 'notes', header: 'Ghi chú biên soạn' },
  { key: 'printedCode', header: 'STT in trên mẫu' },
  { key: 'breakdown', header: 'Dòng "Trong đó"' },
  { key: 'displayUnit', header: 'Đơn vị hiển thị' },
  { key: 'renamedFrom', header: 'Mã cũ' },
];

type RuleKey = 'id' | 'kind' | 'left' | 'right' | 'constant' | 'blanks' | 'severity' | 'vi' | 'en';
export const TEMPLATE_RULE_COLUMNS: ReadonlyArray<{ key: RuleKey; header: string }> = [
  { key: 'id', header: 'Mã quy tắc' },
  { key: 'left', header: 'Vế trái (tổng các chỉ tiêu)' },
  { key: 'kind', header: 'So sánh' },
  { key: 'right', header: 'Vế phải (tổng các chỉ tiêu)' },
  { key: 'constant', header: 'Hằng số cộng vào vế phải' },
  { key: 'blanks', header: 'Khi có ô trống' },
  { key: 'severity', header: 'Mức độ' },
  { key: 'vi', header: 'Thông báo' },
  { key: 'en', header: 'Thông báo (tiếng Anh)' },
];

const INFO_ROWS = {
  version: 'Phiên bản',
  year: 'Năm',
  title: 'Tên biểu mẫu',
  jumpThreshold: 'Ngưỡng biến động so với kỳ trước (0,5 = ±50%)',
  jumpCount: 'Mức thay đổi tối thiểu đáng cảnh báo — số đếm',
  jumpDecimal: 'Mức thay đổi tối thiểu đáng cảnh báo — số thập phân',
  jumpPercent: 'Mức thay đổi tối thiểu đáng cảnh báo — tỷ lệ % (điểm)',
} as const;
const DECISION_HEADERS = ['Mã chỉ tiêu', 'Nội dung', 'Nội dung (tiếng Anh)'];

const YES = 'x';
/** A row the form prints with an empty STT cell (a breakdown), told apart from one that prints its code. */
const EMPTY_PRINTED = '(trống)';
const joinCodes = (codes: readonly string[]) => codes.join(' + ');
const optionsText = (options: ChoiceOption[] | undefined) =>
  options?.map((o) => `${o.value} = ${o.label}${o.labelEn !== undefined ? ` | ${o.labelEn}` : ''}`).join('\n') ?? null;

function nodeCell(n: IndicatorNode, key: NodeKey): SheetCell {
  switch (key) {
    case 'valueType':
      return n.valueType ? VALUE_TYPE_LABELS[n.valueType] : null;
    case 'levels':
      return n.levels ? n.levels.map((l) => LEVEL_LABELS[l]).join(', ') : null;
    case 'aggregation':
      return n.aggregation ? AGGREGATION_LABELS[n.aggregation] : null;
    case 'required':
      return n.required === true ? YES : n.required === false ? 'không' : null;
    case 'breakdown':
      return n.breakdown === true ? YES : n.breakdown === false ? 'không' : null;
    case 'options':
      return optionsText(n.options);
    case 'min':
    case 'max':
      return n[key] ?? null;
    case 'printedCode':
      return n.printedCode === '' ? EMPTY_PRINTED : (n.printedCode ?? null);
    default:
      return n[key] ?? null;
  }
}

/** Each sheet's rows, header included (the rows sheet starts with the form's title). */
export function templateToSheets(t: Template): Record<TemplateSheetKey, SheetCell[][]> {
  const nodes: SheetCell[][] = [[t.title], TEMPLATE_NODE_COLUMNS.map((c) => c.header), ...t.nodes.map((n) => TEMPLATE_NODE_COLUMNS.map((c) => nodeCell(n, c.key)))];
  const rules: SheetCell[][] = [
    TEMPLATE_RULE_COLUMNS.map((c) => c.header),
    ...t.rules.map((r) =>
      TEMPLATE_RULE_COLUMNS.map((c): SheetCell => {
        switch (c.key) {
          case 'id':
            return r.id;
          case 'kind':
            return KIND_LABELS[r.kind];
          case 'left':
            return joinCodes(r.left);
          case 'right':
            return r.right.length > 0 ? joinCodes(r.right) : null;
          case 'constant':
            return r.constant ?? null;
          case 'blanks':
            return r.blanks ? BLANKS_LABELS[r.blanks] : null;
          case 'severity':
            return SEVERITY_LABELS[r.severity];
          case 'vi':
            return r.message.vi;
          case 'en':
            return r.message.en;
        }
      }),
    ),
  ];
  const info: SheetCell[][] = [
    ['Thông tin', 'Giá trị'],
    [INFO_ROWS.version, t.version],
    [INFO_ROWS.year, t.year],
    [INFO_ROWS.title, t.title],
    [INFO_ROWS.jumpThreshold, t.jumpThreshold],
    ...(t.jumpMinAbsolute
      ? [
          [INFO_ROWS.jumpCount, t.jumpMinAbsolute.count],
          [INFO_ROWS.jumpDecimal, t.jumpMinAbsolute.decimal],
          [INFO_ROWS.jumpPercent, t.jumpMinAbsolute.percent],
        ]
      : []),
  ];
  const decisions: SheetCell[][] = [DECISION_HEADERS, ...t.decisions.map((d) => [d.codes.join(', '), d.vi, d.en])];
  return { nodes, rules, info, decisions };
}

/** A problem of an uploaded workbook, located as Excel shows it: sheet, row, column header. */
export interface TemplateSheetIssue {
  sheet: string;
  /** The spreadsheet row (from 1); null for the sheet as a whole. */
  row: number | null;
  code: string | null;
  field: string;
  vi: string;
  en: string;
}

export type TemplateSheetResult = { ok: true; template: Template; issues: [] } | { ok: false; issues: TemplateSheetIssue[] };

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
const text = (c: SheetCell | undefined): string => (c === null || c === undefined ? '' : typeof c === 'number' ? String(c) : c.normalize('NFC').trim());
const reverse = <K extends string>(labels: Record<K, string>) => {
  const m = new Map<string, K>();
  for (const [k, v] of Object.entries(labels) as Array<[K, string]>) {
    m.set(norm(v), k);
    m.set(norm(k), k);
  }
  return m;
};
const VALUE_TYPES = reverse(VALUE_TYPE_LABELS);
const LEVELS = reverse(LEVEL_LABELS);
const AGGREGATIONS = reverse(AGGREGATION_LABELS);
const KINDS = reverse(KIND_LABELS);
KINDS.set('<=', 'lte');
KINDS.set('>=', 'gte');
const BLANKS = reverse(BLANKS_LABELS);
const SEVERITIES = reverse(SEVERITY_LABELS);
const TRUE_WORDS = new Set(['x', 'có', 'co', '1', 'true', 'yes']);
const FALSE_WORDS = new Set(['không', 'khong', '0', 'false', 'no']);
const splitCodes = (s: string) =>
  s
    .split(/[+,;\n]/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

/** Where each header sits: the first of the first ten rows whose cells include the first header. */
function locateHeader(rows: SheetRowIn[], headers: ReadonlyArray<{ header: string }>): { at: number; columns: Map<string, number> } | null {
  const first = norm(headers[0].header);
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const cells = rows[i].cells.map((c) => norm(text(c)));
    if (!cells.includes(first)) continue;
    const columns = new Map<string, number>();
    for (const h of headers) {
      const j = cells.indexOf(norm(h.header));
      if (j >= 0) columns.set(h.header, j);
    }
    return { at: i, columns };
  }
  return null;
}

const isBlank = (r: SheetRowIn) => r.cells.every((c) => text(c) === '');

/**
 * Reads the sheets back into a template document and validates it with `validateTemplate`; every
 * problem is named by sheet, row and column, in Vietnamese. `version` replaces the workbook's own
 * (uploading a downloaded version as a new one).
 */
export function sheetsToTemplate(sheets: Partial<Record<TemplateSheetKey, SheetRowIn[]>>, opts: { version?: string } = {}): TemplateSheetResult {
  const issues: TemplateSheetIssue[] = [];
  const S = TEMPLATE_SHEET_NAMES;
  const issue = (sheet: string, row: number | null, code: string | null, field: string, vi: string, en: string) =>
    issues.push({ sheet, row, code, field, vi: `Trang "${sheet}"${row !== null ? `, dòng ${row}` : ''}${code ? ` (mã ${code})` : ''}: ${vi}`, en: `Sheet "${sheet}"${row !== null ? `, row ${row}` : ''}${code ? ` (code ${code})` : ''}: ${en}` });
  const num = (sheet: string, row: number, code: string | null, header: string, c: SheetCell | undefined): number | undefined => {
    const s = text(c);
    if (s === '') return undefined;
    const n = typeof c === 'number' ? c : Number(s.replace(',', '.'));
    if (!Number.isFinite(n)) {
      issue(sheet, row, code, header, `cột "${header}" phải là số ("${s}").`, `column "${header}" must be a number ("${s}").`);
      return undefined;
    }
    return n;
  };
  const flag = (sheet: string, row: number, code: string, header: string, c: SheetCell | undefined): boolean | undefined => {
    const s = norm(text(c));
    if (s === '') return undefined;
    if (TRUE_WORDS.has(s)) return true;
    if (FALSE_WORDS.has(s)) return false;
    issue(sheet, row, code, header, `cột "${header}" ghi "x" (có) hoặc để trống ("${text(c)}").`, `column "${header}" takes "x" or blank ("${text(c)}").`);
    return undefined;
  };

  // --- the version's own fields
  const info = new Map<string, SheetCell>();
  for (const r of sheets.info ?? []) {
    const label = norm(text(r.cells[0]));
    for (const [k, v] of Object.entries(INFO_ROWS)) if (norm(v) === label) info.set(k, r.cells[1] ?? null);
  }
  const infoRow = (k: keyof typeof INFO_ROWS) => (sheets.info ?? []).find((r) => norm(text(r.cells[0])) === norm(INFO_ROWS[k]))?.row ?? 0;
  const version = opts.version ?? text(info.get('version'));
  if (version === '') issue(S.info, null, null, 'version', `thiếu "${INFO_ROWS.version}".`, `"${INFO_ROWS.version}" is missing.`);
  const year = num(S.info, infoRow('year'), null, INFO_ROWS.year, info.get('year'));
  const jumps = (['jumpCount', 'jumpDecimal', 'jumpPercent'] as const).map((k) => num(S.info, infoRow(k), null, INFO_ROWS[k], info.get(k)));

  // --- rows
  const nodeRows = sheets.nodes ?? [];
  const located = locateHeader(nodeRows, TEMPLATE_NODE_COLUMNS);
  const nodes: Array<Record<string, unknown>> = [];
  const nodeSheetRow: number[] = [];
  let title = text(info.get('title'));
  if (!located || !located.columns.has('Chỉ tiêu')) {
    issue(S.nodes, null, null, 'nodes', `không tìm thấy dòng tiêu đề cột có "Mã/STT" và "Chỉ tiêu" (trong 10 dòng đầu).`, 'no header row with "Mã/STT" and "Chỉ tiêu" in the first 10 rows.');
  } else {
    if (title === '' && located.at > 0) title = text(nodeRows[0].cells[0]);
    const col = (r: SheetRowIn, key: NodeKey) => {
      const j = located.columns.get((TEMPLATE_NODE_COLUMNS.find((c) => c.key === key) as { header: string }).header);
      return j === undefined ? undefined : r.cells[j];
    };
    for (const r of nodeRows.slice(located.at + 1)) {
      if (isBlank(r)) continue;
      const code = text(col(r, 'code'));
      const n: Record<string, unknown> = { code, title: text(col(r, 'title')), unit: text(col(r, 'unit')) };
      const put = (k: string, v: unknown) => {
        if (v !== undefined) n[k] = v;
      };
      for (const k of ['titleEn', 'parent', 'weightCode', 'guidance', 'notes', 'printedCode', 'displayUnit', 'renamedFrom'] as const) {
        const c = col(r, k);
        if (c === undefined || c === null || text(c) === '') continue;
        put(k, k === 'printedCode' && text(c) === EMPTY_PRINTED ? '' : typeof c === 'number' ? String(c) : c);
      }
      const vt = norm(text(col(r, 'valueType')));
      if (vt !== '') n.valueType = VALUE_TYPES.get(vt) ?? text(col(r, 'valueType'));
      const lv = text(col(r, 'levels'));
      if (lv !== '') n.levels = lv.split(/[,;\n]/).map((x) => x.trim()).filter((x) => x !== '').map((x) => LEVELS.get(norm(x)) ?? x);
      const ag = norm(text(col(r, 'aggregation')));
      if (ag !== '') n.aggregation = AGGREGATIONS.get(ag) ?? text(col(r, 'aggregation'));
      put('required', flag(S.nodes, r.row, code, 'Bắt buộc', col(r, 'required')));
      put('breakdown', flag(S.nodes, r.row, code, 'Dòng "Trong đó"', col(r, 'breakdown')));
      put('min', num(S.nodes, r.row, code, 'Giá trị nhỏ nhất', col(r, 'min')));
      put('max', num(S.nodes, r.row, code, 'Giá trị lớn nhất', col(r, 'max')));
      const opt = text(col(r, 'options'));
      if (opt !== '') {
        const options: ChoiceOption[] = [];
        for (const line of opt.split('\n').map((l) => l.trim()).filter((l) => l !== '')) {
          const m = /^(-?\d+)\s*[=:]\s*([^|]*?)\s*(?:\|\s*(.*))?$/.exec(line);
          if (!m) {
            issue(S.nodes, r.row, code, 'Phương án', `phương án "${line}" phải có dạng "giá trị = nhãn" (ví dụ "1 = Có").`, `option "${line}" must read "value = label".`);
            continue;
          }
          options.push({ value: Number(m[1]), label: m[2], ...(m[3] !== undefined ? { labelEn: m[3].trim() } : {}) });
        }
        n.options = options;
      }
      nodes.push(n);
      nodeSheetRow.push(r.row);
    }
  }

  // --- consistency rules
  const ruleRows = sheets.rules ?? [];
  const rules: Array<Record<string, unknown>> = [];
  const ruleSheetRow: number[] = [];
  if (ruleRows.some((r) => !isBlank(r))) {
    const rl = locateHeader(ruleRows, TEMPLATE_RULE_COLUMNS);
    if (!rl) {
      issue(S.rules, null, null, 'rules', 'không tìm thấy dòng tiêu đề cột có "Mã quy tắc".', 'no header row with "Mã quy tắc".');
    } else {
      const col = (r: SheetRowIn, key: RuleKey) => {
        const j = rl.columns.get((TEMPLATE_RULE_COLUMNS.find((c) => c.key === key) as { header: string }).header);
        return j === undefined ? undefined : r.cells[j];
      };
      for (const r of ruleRows.slice(rl.at + 1)) {
        if (isBlank(r)) continue;
        const id = text(col(r, 'id'));
        const kindText = text(col(r, 'kind'));
        const sevText = text(col(r, 'severity'));
        const blanksText = text(col(r, 'blanks'));
        const rule: Record<string, unknown> = {
          id,
          kind: KINDS.get(norm(kindText)) ?? kindText,
          left: splitCodes(text(col(r, 'left'))),
          right: splitCodes(text(col(r, 'right'))),
          severity: SEVERITIES.get(norm(sevText)) ?? sevText,
          message: { vi: text(col(r, 'vi')), en: text(col(r, 'en')) },
        };
        const constant = num(S.rules, r.row, id, 'Hằng số cộng vào vế phải', col(r, 'constant'));
        if (constant !== undefined) rule.constant = constant;
        if (blanksText !== '') rule.blanks = BLANKS.get(norm(blanksText)) ?? blanksText;
        rules.push(rule);
        ruleSheetRow.push(r.row);
      }
    }
  }

  // --- decisions
  const decisions: Array<{ codes: string[]; vi: string; en: string }> = [];
  const decisionSheetRow: number[] = [];
  for (const r of (sheets.decisions ?? []).slice(1)) {
    if (isBlank(r)) continue;
    decisions.push({ codes: text(r.cells[0]).split(/[,;\n]/).map((x) => x.trim()).filter((x) => x !== ''), vi: text(r.cells[1]), en: text(r.cells[2]) });
    decisionSheetRow.push(r.row);
  }

  if (issues.length > 0) return { ok: false, issues };
  const doc: Record<string, unknown> = { version, year, title, nodes, rules, decisions };
  const threshold = num(S.info, infoRow('jumpThreshold'), null, INFO_ROWS.jumpThreshold, info.get('jumpThreshold'));
  if (threshold !== undefined) doc.jumpThreshold = threshold;
  if (jumps.every((j) => j !== undefined)) doc.jumpMinAbsolute = { count: jumps[0], decimal: jumps[1], percent: jumps[2] };
  const v = validateTemplate(doc);
  if (v.ok) return { ok: true, template: v.template, issues: [] };
  return { ok: false, issues: v.issues.map((i) => placeIssue(i, { nodes: nodeSheetRow, rules: ruleSheetRow, decisions: decisionSheetRow })) };
}

/** A document issue placed on its sheet and spreadsheet row (its message keeps its own wording). */
function placeIssue(i: TemplateIssue, rows: { nodes: number[]; rules: number[]; decisions: number[] }): TemplateSheetIssue {
  const S = TEMPLATE_SHEET_NAMES;
  const sheet = i.section === 'nodes' ? S.nodes : i.section === 'rules' ? S.rules : i.section === 'decisions' ? S.decisions : S.info;
  const row = i.section === 'document' || i.row === null ? null : (rows[i.section][i.row - 1] ?? null);
  // validateTemplate's messages start with the document's own position ("Dòng 3 (mã 1.1): "); the sheet's replaces it.
  const strip = (s: string) => s.replace(/^(Dòng|Quy tắc|Quyết định|Row|Rule|Decision) \d+[^:]*: /, '');
  const where = `Trang "${sheet}"${row !== null ? `, dòng ${row}` : ''}${i.code ? ` (mã ${i.code})` : ''}: `;
  const whereEn = `Sheet "${sheet}"${row !== null ? `, row ${row}` : ''}${i.code ? ` (code ${i.code})` : ''}: `;
  return { sheet, row, code: i.code, field: i.field, vi: where + strip(i.vi), en: whereEn + strip(i.en) };
}
