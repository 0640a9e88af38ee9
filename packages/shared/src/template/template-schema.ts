import { z } from 'zod';
import { DEFAULT_AGGREGATION } from './build-template';
import type {
  AggregationRule,
  ConsistencyRule,
  IndicatorNode,
  Template,
  UnitLevel,
  ValueType,
} from './types';

/**
 * The template document: the JSON `GET /api/templates/:version` returns, accepted back as it is
 * (with a new version id) by `POST /api/templates`. The schema checks shape; `validateTemplate`
 * checks meaning and answers one Vietnamese message per faulty row. `depth` and `isHeading` are
 * derived from the tree and the value type, so a document may omit them (sent values are replaced).
 */

export const UNIT_LEVEL_VALUES: readonly UnitLevel[] = ['province', 'district', 'commune'];
export const VALUE_TYPE_VALUES: readonly ValueType[] = ['count', 'decimal', 'percent', 'yesno', 'choice'];
export const AGGREGATION_VALUES: readonly AggregationRule[] = ['sum', 'mean', 'weighted_mean', 'share_yes', 'distribution', 'max', 'min'];

/** A version id appears in URLs and file names: letters, digits, dot, dash, underscore. */
export const TEMPLATE_VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/;

const text = (max: number) => z.string().max(max);
const localized = z.object({ vi: text(2000), en: text(2000) }).strict();

const nodeSchema = z
  .object({
    code: z.string().min(1).max(32),
    title: z.string().min(1).max(1000),
    titleEn: text(1000).optional(),
    unit: text(200).default(''),
    // Strings here, checked against the lists in validateTemplate, so the message names the row.
    valueType: z.string().optional(),
    options: z.array(z.object({ value: z.number().int(), label: text(200), labelEn: text(200).optional() }).strict()).max(50).optional(),
    levels: z.array(z.string()).max(3).optional(),
    aggregation: z.string().optional(),
    weightCode: z.string().max(32).optional(),
    parent: z.string().max(32).optional(),
    depth: z.number().int().optional(),
    isHeading: z.boolean().optional(),
    notes: text(4000).optional(),
    guidance: text(4000).optional(),
    printedCode: text(32).optional(),
    breakdown: z.boolean().optional(),
    displayUnit: text(200).optional(),
    required: z.boolean().optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    renamedFrom: z.string().max(32).optional(),
  })
  .strict();

const ruleSchema = z
  .object({
    id: z.string().min(1).max(64),
    kind: z.enum(['lte', 'eq', 'gte', 'requires']),
    left: z.array(z.string()).min(1).max(100),
    right: z.array(z.string()).max(100),
    constant: z.number().finite().optional(),
    blanks: z.enum(['skip', 'ignore-left']).optional(),
    severity: z.enum(['error', 'warning']),
    message: localized,
  })
  .strict();

export const templateDocumentSchema = z
  .object({
    version: z.string().regex(TEMPLATE_VERSION_PATTERN),
    year: z.number().int().min(2000).max(2100),
    title: z.string().min(1).max(500),
    nodes: z.array(nodeSchema).min(1).max(2000),
    rules: z.array(ruleSchema).max(1000).default([]),
    decisions: z.array(z.object({ codes: z.array(z.string()).max(200), vi: text(4000), en: text(4000) }).strict()).max(200).default([]),
    jumpThreshold: z.number().finite().min(0).default(0.5),
    jumpMinAbsolute: z.object({ count: z.number().min(0), decimal: z.number().min(0), percent: z.number().min(0) }).strict().optional(),
  })
  .strict();

export type TemplateDocument = z.input<typeof templateDocumentSchema>;

/** One problem of a document: `row` is the 1-based position in `nodes` (or in `rules` for a rule). */
export interface TemplateIssue {
  /** Where: "nodes", "rules", or a top-level field. */
  section: 'nodes' | 'rules' | 'decisions' | 'document';
  row: number | null;
  code: string | null;
  field: string;
  vi: string;
  en: string;
}

export type TemplateValidation = { ok: true; template: Template } | { ok: false; issues: TemplateIssue[] };

/** Which aggregations make sense for a value type (a summed percentage or a mean of options means nothing). */
const AGGREGATIONS_FOR: Record<ValueType, readonly AggregationRule[]> = {
  count: ['sum', 'mean', 'weighted_mean', 'max', 'min'],
  decimal: ['sum', 'mean', 'weighted_mean', 'max', 'min'],
  percent: ['mean', 'weighted_mean', 'max', 'min'],
  yesno: ['share_yes'],
  choice: ['distribution'],
};

function zodIssues(error: z.ZodError, input: unknown): TemplateIssue[] {
  const nodes = (input as { nodes?: unknown } | null)?.nodes;
  const rules = (input as { rules?: unknown } | null)?.rules;
  return error.issues.map((i) => {
    const [head, idx, ...rest] = i.path;
    const section = head === 'nodes' || head === 'rules' || head === 'decisions' ? head : 'document';
    const row = section !== 'document' && typeof idx === 'number' ? idx + 1 : null;
    const list = section === 'nodes' ? nodes : section === 'rules' ? rules : undefined;
    const item = row !== null && Array.isArray(list) ? (list[row - 1] as Record<string, unknown> | undefined) : undefined;
    const rawCode = section === 'nodes' ? item?.code : section === 'rules' ? item?.id : undefined;
    const code = typeof rawCode === 'string' ? rawCode : null;
    const field = (section === 'document' ? i.path : rest).map(String).join('.') || String(head ?? '');
    const where = row === null ? '' : section === 'rules' ? `Quy tắc ${row}${code ? ` (${code})` : ''}: ` : `Dòng ${row}${code ? ` (mã ${code})` : ''}: `;
    const whereEn = row === null ? '' : section === 'rules' ? `Rule ${row}${code ? ` (${code})` : ''}: ` : `Row ${row}${code ? ` (code ${code})` : ''}: `;
    const unknownKey = i.code === 'unrecognized_keys' ? i.keys.join(', ') : null;
    const vi = unknownKey
      ? `${where}trường không có trong định dạng biểu mẫu: ${unknownKey}.`
      : i.code === 'invalid_type' && i.received === 'undefined'
        ? `${where}thiếu trường "${field}".`
        : `${where}trường "${field}" không hợp lệ (${i.message}).`;
    const en = unknownKey ? `${whereEn}unknown field(s): ${unknownKey}.` : `${whereEn}field "${field}": ${i.message}.`;
    return { section, row, code, field, vi, en };
  });
}

/**
 * Checks a template document and returns the normalized `Template` (depth, isHeading and default
 * aggregations derived) or every problem found, one message per row and fault.
 */
export function validateTemplate(input: unknown): TemplateValidation {
  const parsed = templateDocumentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, input) };
  const doc = parsed.data;
  const issues: TemplateIssue[] = [];
  const rowIssue = (row: number, code: string, field: string, vi: string, en: string) =>
    issues.push({ section: 'nodes', row, code, field, vi: `Dòng ${row} (mã ${code}): ${vi}`, en: `Row ${row} (code ${code}): ${en}` });

  const firstRow = new Map<string, number>();
  doc.nodes.forEach((n, i) => {
    const row = i + 1;
    if (/\s/.test(n.code)) rowIssue(row, n.code, 'code', 'mã chỉ tiêu không được chứa khoảng trắng.', 'a code cannot contain spaces.');
    const seen = firstRow.get(n.code);
    if (seen !== undefined) rowIssue(row, n.code, 'code', `mã trùng với dòng ${seen}.`, `duplicate code (also row ${seen}).`);
    else firstRow.set(n.code, row);
  });
  const byCode = new Map(doc.nodes.map((n) => [n.code, n]));
  const valueCodes = new Set(doc.nodes.filter((n) => n.valueType !== undefined).map((n) => n.code));

  doc.nodes.forEach((n, i) => {
    const row = i + 1;
    if (n.parent !== undefined && !byCode.has(n.parent)) {
      rowIssue(row, n.code, 'parent', `chỉ tiêu cha "${n.parent}" không có trong biểu mẫu.`, `parent "${n.parent}" does not exist.`);
    }
    const type = n.valueType;
    if (type !== undefined && !(VALUE_TYPE_VALUES as readonly string[]).includes(type)) {
      rowIssue(row, n.code, 'valueType', `kiểu dữ liệu "${type}" không tồn tại (dùng: ${VALUE_TYPE_VALUES.join(', ')}).`, `unknown value type "${type}".`);
      return;
    }
    for (const level of n.levels ?? []) {
      if (!(UNIT_LEVEL_VALUES as readonly string[]).includes(level)) {
        rowIssue(row, n.code, 'levels', `cấp báo cáo "${level}" không tồn tại (dùng: province = tỉnh, district = huyện, commune = xã).`, `unknown level "${level}".`);
      }
    }
    if (new Set(n.levels ?? []).size !== (n.levels ?? []).length) rowIssue(row, n.code, 'levels', 'cấp báo cáo bị lặp.', 'a level is listed twice.');
    if (type === undefined) {
      if (n.levels && n.levels.length > 0) rowIssue(row, n.code, 'levels', 'dòng tiêu đề không có kiểu dữ liệu nên không có cấp báo cáo.', 'a heading without a value type has no levels.');
      if (n.aggregation !== undefined) rowIssue(row, n.code, 'aggregation', 'dòng tiêu đề không có kiểu dữ liệu nên không có cách tổng hợp.', 'a heading without a value type has no aggregation.');
      if (n.min !== undefined || n.max !== undefined) rowIssue(row, n.code, 'max', 'dòng tiêu đề không có kiểu dữ liệu nên không có giới hạn giá trị.', 'a heading without a value type has no bounds.');
      return;
    }
    const vt = type as ValueType;
    if (!n.levels || n.levels.length === 0) rowIssue(row, n.code, 'levels', 'chỉ tiêu có kiểu dữ liệu phải ghi ít nhất một cấp báo cáo.', 'a value row needs at least one level.');
    if (vt === 'choice' && (!n.options || n.options.length === 0)) {
      rowIssue(row, n.code, 'options', 'kiểu "choice" (chọn phương án) cần danh sách phương án (options).', 'a choice row needs its options.');
    }
    if (vt === 'yesno' && n.options && n.options.some((o) => o.value !== 0 && o.value !== 1)) {
      rowIssue(row, n.code, 'options', 'kiểu có/không (yesno) chỉ có hai phương án 0 và 1.', 'a yes/no row has only the options 0 and 1.');
    }
    if (vt !== 'choice' && vt !== 'yesno' && n.options && n.options.length > 0) {
      rowIssue(row, n.code, 'options', `kiểu "${vt}" không có phương án; chỉ kiểu choice hoặc yesno mới có.`, `a ${vt} row has no options.`);
    }
    if (n.options && new Set(n.options.map((o) => o.value)).size !== n.options.length) {
      rowIssue(row, n.code, 'options', 'hai phương án có cùng giá trị.', 'two options share a value.');
    }
    if (n.aggregation !== undefined) {
      if (!(AGGREGATION_VALUES as readonly string[]).includes(n.aggregation)) {
        rowIssue(row, n.code, 'aggregation', `cách tổng hợp "${n.aggregation}" không tồn tại (dùng: ${AGGREGATION_VALUES.join(', ')}).`, `unknown aggregation "${n.aggregation}".`);
      } else if (!AGGREGATIONS_FOR[vt].includes(n.aggregation as AggregationRule)) {
        rowIssue(row, n.code, 'aggregation', `cách tổng hợp "${n.aggregation}" không dùng được cho kiểu "${vt}" (dùng: ${AGGREGATIONS_FOR[vt].join(', ')}).`, `aggregation "${n.aggregation}" does not fit type "${vt}".`);
      }
    }
    const aggregation = n.aggregation ?? (n.weightCode ? 'weighted_mean' : DEFAULT_AGGREGATION[vt]);
    if (aggregation === 'weighted_mean') {
      if (!n.weightCode) rowIssue(row, n.code, 'weightCode', 'bình quân có trọng số (weighted_mean) cần mã chỉ tiêu trọng số (weightCode).', 'weighted_mean needs a weightCode.');
      else if (!valueCodes.has(n.weightCode)) rowIssue(row, n.code, 'weightCode', `chỉ tiêu trọng số "${n.weightCode}" không có trong biểu mẫu hoặc không nhận số liệu.`, `weight "${n.weightCode}" is no value row of the template.`);
    }
    // Bounds narrow the type's own range; a range that admits no value, or leaves it, is a typo.
    const lo = n.min;
    const hi = n.max;
    if (lo !== undefined && hi !== undefined && lo > hi) {
      rowIssue(row, n.code, 'min', `giới hạn dưới ${lo} lớn hơn giới hạn trên ${hi}: không giá trị nào hợp lệ.`, `lower bound ${lo} is above upper bound ${hi}.`);
    }
    if (vt === 'percent' && ((lo !== undefined && (lo < 0 || lo > 100)) || (hi !== undefined && (hi < 0 || hi > 100)))) {
      rowIssue(row, n.code, 'max', `tỷ lệ % phải nằm trong 0–100; giới hạn ${lo ?? 0}–${hi ?? 100} không thể có.`, `a percentage lies within 0–100; bounds ${lo ?? 0}–${hi ?? 100} are impossible.`);
    }
    if ((vt === 'count' || vt === 'decimal') && ((hi !== undefined && hi < 0) || (lo !== undefined && lo < 0))) {
      rowIssue(row, n.code, 'min', 'số đếm và số thập phân không âm; giới hạn âm không thể có.', 'counts and decimals are non-negative; a negative bound is impossible.');
    }
    if ((vt === 'yesno' || vt === 'choice') && (lo !== undefined || hi !== undefined)) {
      rowIssue(row, n.code, 'max', 'kiểu có/không và chọn phương án không có giới hạn giá trị (dùng phương án).', 'yes/no and choice rows take options, not bounds.');
    }
  });

  // A parent chain that comes back to a row: walk up from every row, at most the number of rows.
  const inCycle = new Set<string>();
  for (const n of doc.nodes) {
    const path: string[] = [];
    let cur: string | undefined = n.code;
    while (cur !== undefined && byCode.has(cur) && path.length <= doc.nodes.length) {
      if (path.includes(cur)) {
        if (cur === n.code && !inCycle.has(n.code)) {
          const loop = [...path, cur];
          for (const c of path) inCycle.add(c);
          rowIssue(firstRow.get(n.code) ?? 0, n.code, 'parent', `vòng lặp chỉ tiêu cha: ${loop.join(' → ')}.`, `parent cycle: ${loop.join(' → ')}.`);
        }
        break;
      }
      path.push(cur);
      cur = byCode.get(cur)?.parent;
    }
  }

  const ruleIds = new Map<string, number>();
  doc.rules.forEach((r, i) => {
    const row = i + 1;
    const add = (field: string, vi: string, en: string) =>
      issues.push({ section: 'rules', row, code: r.id, field, vi: `Quy tắc ${row} (${r.id}): ${vi}`, en: `Rule ${row} (${r.id}): ${en}` });
    const seen = ruleIds.get(r.id);
    if (seen !== undefined) add('id', `mã quy tắc trùng với quy tắc ${seen}.`, `duplicate rule id (also rule ${seen}).`);
    else ruleIds.set(r.id, row);
    for (const side of ['left', 'right'] as const) {
      for (const c of r[side]) {
        if (!byCode.has(c)) add(side, `chỉ tiêu "${c}" không có trong biểu mẫu.`, `code "${c}" is not in the template.`);
        else if (!valueCodes.has(c)) add(side, `chỉ tiêu "${c}" là dòng tiêu đề, không nhận số liệu.`, `code "${c}" is a heading without a value.`);
      }
    }
    if (r.kind !== 'requires' && r.right.length === 0 && r.constant === undefined) {
      add('right', 'quy tắc so sánh cần vế phải (right) hoặc hằng số (constant).', 'a comparison needs a right side or a constant.');
    }
  });
  doc.decisions.forEach((d, i) => {
    for (const c of d.codes) {
      if (!byCode.has(c)) {
        issues.push({ section: 'decisions', row: i + 1, code: c, field: 'codes', vi: `Quyết định ${i + 1}: chỉ tiêu "${c}" không có trong biểu mẫu.`, en: `Decision ${i + 1}: code "${c}" is not in the template.` });
      }
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, template: normalize(doc) };
}

type ParsedDocument = z.output<typeof templateDocumentSchema>;

function normalize(doc: ParsedDocument): Template {
  const byCode = new Map(doc.nodes.map((n) => [n.code, n]));
  const depthOf = (code: string): number => {
    let d = 1;
    let cur = byCode.get(code)?.parent;
    while (cur !== undefined) {
      d += 1;
      cur = byCode.get(cur)?.parent;
    }
    return d;
  };
  // Keys in the order GET has always sent them, so a stored built-in serializes as before.
  const nodes: IndicatorNode[] = doc.nodes.map((n) => {
    const out: IndicatorNode = { code: n.code, title: n.title, unit: n.unit, depth: depthOf(n.code), isHeading: n.valueType === undefined };
    if (n.parent !== undefined) out.parent = n.parent;
    if (n.titleEn !== undefined) out.titleEn = n.titleEn;
    if (n.valueType !== undefined) {
      const vt = n.valueType as ValueType;
      out.valueType = vt;
      out.levels = n.levels as UnitLevel[];
      out.aggregation = (n.aggregation as AggregationRule | undefined) ?? (n.weightCode ? 'weighted_mean' : DEFAULT_AGGREGATION[vt]);
      if (n.weightCode !== undefined) out.weightCode = n.weightCode;
      if (n.options !== undefined) out.options = n.options;
    }
    if (n.notes !== undefined) out.notes = n.notes;
    if (n.guidance !== undefined) out.guidance = n.guidance;
    if (n.printedCode !== undefined) out.printedCode = n.printedCode;
    if (n.breakdown !== undefined) out.breakdown = n.breakdown;
    if (n.displayUnit !== undefined) out.displayUnit = n.displayUnit;
    if (n.required !== undefined) out.required = n.required;
    if (n.min !== undefined) out.min = n.min;
    if (n.max !== undefined) out.max = n.max;
    if (n.renamedFrom !== undefined) out.renamedFrom = n.renamedFrom;
    return out;
  });
  const rules: ConsistencyRule[] = doc.rules.map((r) => ({ ...r }));
  const t: Template = { version: doc.version, year: doc.year, title: doc.title, nodes, rules, decisions: doc.decisions, jumpThreshold: doc.jumpThreshold };
  if (doc.jumpMinAbsolute) t.jumpMinAbsolute = doc.jumpMinAbsolute;
  return t;
}

/** The first problem's message, for a single-line answer. */
export function templateIssuesSummary(issues: TemplateIssue[], lang: 'vi' | 'en' = 'vi'): string {
  const shown = issues.slice(0, 5).map((i) => i[lang]);
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join(' ')} (${lang === 'vi' ? `và ${more} lỗi khác` : `and ${more} more`})` : shown.join(' ');
}
