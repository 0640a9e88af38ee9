import { formatVietnameseNumber, parseNumberInput } from '../format/number';
import { shortTitle } from '../format/text';
import { indexTemplate, valueNodes } from '../template/registry';
import { HARD_VALUE_LIMIT, isStorableValue, lowerBoundOf, upperBoundOf } from './value-bounds';
import type {
  ConsistencyRule,
  Finding,
  IndicatorNode,
  ReportValues,
  Severity,
  Template,
  UnitLevel,
  ValueType,
} from '../template/types';

/** Rule ids of the built-in checks (consistency findings carry the template rule's id). */
export const VALIDATION_RULES = {
  type: 'type',
  /** Beyond HARD_VALUE_LIMIT: never stored, not even in a draft. */
  bound: 'bound',
  integer: 'integer',
  range: 'range',
  option: 'option',
  headingNoValue: 'heading_no_value',
  unknownIndicator: 'unknown_indicator',
  notForLevel: 'not_for_level',
  required: 'required',
  missing: 'missing',
  jump: 'jump',
} as const;

const EPS = 1e-9;

function label(node: IndicatorNode, max = 90): string {
  return `${node.code} (${shortTitle(node.title, max)})`;
}

function vi(n: number | null | undefined): string {
  return n === null || n === undefined ? 'trống' : formatVietnameseNumber(n, 4);
}

function en(n: number | null | undefined): string {
  return n === null || n === undefined ? 'blank' : String(Math.round(n * 1e4) / 1e4);
}

function finding(
  node: IndicatorNode,
  severity: Severity,
  rule: string,
  msgVi: string,
  msgEn: string,
  value: number | null,
): Finding {
  return {
    code: node.code,
    severity,
    rule,
    message: { vi: `Chỉ tiêu ${label(node)}: ${msgVi}`, en: `Indicator ${node.code} (${node.titleEn ?? shortTitle(node.title)}): ${msgEn}` },
    values: { [node.code]: value },
    codes: [node.code],
  };
}

const TYPE_NAMES: Record<ValueType, { vi: string; en: string }> = {
  count: { vi: 'số đếm (số nguyên không âm)', en: 'a count (non-negative integer)' },
  decimal: { vi: 'số không âm', en: 'a non-negative number' },
  percent: { vi: 'tỷ lệ % (0–100)', en: 'a percentage (0–100)' },
  yesno: { vi: 'có/không (0 hoặc 1)', en: 'yes/no (0 or 1)' },
  choice: { vi: 'một phương án có mã', en: 'one of the coded options' },
};

/**
 * Checks one raw input against its indicator: is it a number (Vietnamese or plain
 * notation), of the right kind and range. The parsed value is returned even when it is out
 * of range, so a draft keeps what was typed; the findings say whether it may be submitted.
 */
export function validateValue(node: IndicatorNode, raw: unknown): { value: number | null; findings: Finding[] } {
  const parsed = parseNumberInput(raw, node.valueType);
  const shown = typeof raw === 'string' ? raw.trim() : String(raw);
  if (!parsed.ok) {
    return {
      value: null,
      findings: [
        finding(node, 'error', VALIDATION_RULES.type,
          `"${shown}" không phải là một số${node.valueType ? `; cần ${TYPE_NAMES[node.valueType].vi}` : ''}.`,
          `"${shown}" is not a number${node.valueType ? `; expected ${TYPE_NAMES[node.valueType].en}` : ''}.`,
          null),
      ],
    };
  }
  const value = parsed.value;
  if (value === null) return { value: null, findings: [] };
  if (!node.valueType) {
    return {
      value: null,
      findings: [
        finding(node, 'error', VALIDATION_RULES.headingNoValue,
          `là dòng tiêu đề, không nhận số liệu (đã nhập ${vi(value)}).`,
          `is a heading and takes no value (got ${en(value)}).`, value),
      ],
    };
  }
  if (!isStorableValue(value)) {
    return {
      value: null,
      findings: [
        finding(node, 'error', VALIDATION_RULES.bound,
          `giá trị "${shown}" quá lớn (giới hạn ±${vi(HARD_VALUE_LIMIT)}); không thể lưu.`,
          `value "${shown}" is too large (limit ±${HARD_VALUE_LIMIT}); it cannot be stored.`, null),
      ],
    };
  }
  const findings: Finding[] = [];
  const err = (rule: string, v: string, e: string) => findings.push(finding(node, 'error', rule, v, e, value));
  const max = upperBoundOf(node);
  // A percentage above 100 gets its own message below; a row's own narrower cap is said here.
  if (max !== null && value > max && !(node.valueType === 'percent' && max === 100)) {
    err(VALIDATION_RULES.range, `giá trị ${vi(value)} vượt quá giới hạn ${vi(max)} của loại chỉ tiêu này.`, `value ${en(value)} exceeds the bound ${en(max)} of this kind of indicator.`);
    return { value, findings };
  }
  const min = lowerBoundOf(node);
  if (min !== null && value < min && value >= 0) {
    err(VALIDATION_RULES.range, `giá trị ${vi(value)} nhỏ hơn giới hạn dưới ${vi(min)} của chỉ tiêu này.`, `value ${en(value)} is below this indicator's lower bound ${en(min)}.`);
    return { value, findings };
  }
  switch (node.valueType) {
    case 'count':
      if (value < 0) err(VALIDATION_RULES.range, `giá trị ${vi(value)} âm; số đếm không thể nhỏ hơn 0.`, `value ${en(value)} is negative; a count cannot be below 0.`);
      else if (!Number.isInteger(value)) err(VALIDATION_RULES.integer, `giá trị ${vi(value)} không phải số nguyên; cần ${TYPE_NAMES.count.vi}.`, `value ${en(value)} is not a whole number; expected ${TYPE_NAMES.count.en}.`);
      break;
    case 'decimal':
      if (value < 0) err(VALIDATION_RULES.range, `giá trị ${vi(value)} âm; cần ${TYPE_NAMES.decimal.vi}.`, `value ${en(value)} is negative; expected ${TYPE_NAMES.decimal.en}.`);
      break;
    case 'percent':
      if (value > 100) err(VALIDATION_RULES.range, `giá trị ${vi(value)} vượt quá 100%.`, `value ${en(value)} exceeds 100%.`);
      else if (value < 0) err(VALIDATION_RULES.range, `giá trị ${vi(value)} nhỏ hơn 0%.`, `value ${en(value)} is below 0%.`);
      break;
    case 'yesno':
    case 'choice': {
      const allowed = node.options?.map((o) => o.value) ?? (node.valueType === 'yesno' ? [0, 1] : []);
      if (!allowed.includes(value)) {
        const list = node.options?.map((o) => `${o.value} = ${o.label}`).join('; ') ?? '0; 1';
        const listEn = node.options?.map((o) => `${o.value} = ${o.labelEn ?? o.label}`).join('; ') ?? '0; 1';
        err(VALIDATION_RULES.option, `giá trị ${vi(value)} không thuộc các phương án (${list}).`, `value ${en(value)} is not one of the options (${listEn}).`);
      }
      break;
    }
  }
  return { value, findings };
}

/** True when a parsed number is acceptable for its indicator (the checks of validateValue, no messages). */
export function isValidValue(node: IndicatorNode, value: number): boolean {
  if (!isStorableValue(value)) return false;
  const max = upperBoundOf(node);
  if (max !== null && value > max) return false;
  const min = lowerBoundOf(node);
  if (min !== null && value < min) return false;
  switch (node.valueType) {
    case undefined:
      return false;
    case 'count':
      return value >= 0 && Number.isInteger(value);
    case 'decimal':
      return value >= 0;
    case 'percent':
      return value >= 0 && value <= 100;
    case 'yesno':
    case 'choice':
      return (node.options?.map((o) => o.value) ?? (node.valueType === 'yesno' ? [0, 1] : [])).includes(value);
  }
}

function sum(codes: string[], values: Record<string, number | null>): number {
  return codes.reduce((s, c) => s + (values[c] ?? 0), 0);
}

function ruleFinding(
  rule: ConsistencyRule,
  idx: Map<string, IndicatorNode>,
  involved: Record<string, number | null>,
  present: string[],
): Finding | null {
  const leftTotal = sum(present, involved);
  const rightTotal = sum(rule.right, involved) + (rule.constant ?? 0);
  let violated: boolean;
  let relVi: string;
  let relEn: string;
  switch (rule.kind) {
    case 'lte':
      violated = leftTotal > rightTotal + EPS;
      relVi = 'lớn hơn';
      relEn = 'is greater than';
      break;
    case 'gte':
      violated = leftTotal < rightTotal - EPS;
      relVi = 'nhỏ hơn';
      relEn = 'is less than';
      break;
    case 'eq':
      violated = Math.abs(leftTotal - rightTotal) > EPS;
      relVi = 'khác';
      relEn = 'differs from';
      break;
    case 'requires':
      return null;
  }
  // The texts only for a broken rule: most rules hold, and every save and keystroke checks them all.
  if (!violated) return null;
  const leftNodes = present.map((c) => idx.get(c)).filter((n): n is IndicatorNode => !!n);
  const many = leftNodes.length > 1;
  const rightNodes = rule.right.map((c) => idx.get(c)).filter((n): n is IndicatorNode => !!n);
  const rightVi = rightNodes.length > 0
    ? `${rightNodes.map((n) => label(n, 60)).join(' + ')}${rule.constant ? ` + ${rule.constant}` : ''} = ${vi(rightTotal)}`
    : vi(rightTotal);
  const rightEn = rightNodes.length > 0
    ? `${rightNodes.map((n) => n.code).join(' + ')}${rule.constant ? ` + ${rule.constant}` : ''} = ${en(rightTotal)}`
    : en(rightTotal);
  const leftVi = `${many ? 'Tổng ' : 'Chỉ tiêu '}${leftNodes.map((n) => label(n, 60)).join(' + ')} = ${vi(leftTotal)}`;
  const leftEn = `${many ? 'Sum ' : 'Indicator '}${leftNodes.map((n) => n.code).join(' + ')} = ${en(leftTotal)}`;
  const codes = [...rule.left, ...rule.right];
  return {
    code: rule.left[0],
    severity: rule.severity,
    rule: rule.id,
    message: {
      vi: `${leftVi} ${relVi} ${rightVi}: ${rule.message.vi}.`,
      en: `${leftEn} ${relEn} ${rightEn}: ${rule.message.en}.`,
    },
    values: involved,
    codes,
  };
}

/** Evaluates one consistency rule; null when it holds or cannot be judged for blanks. */
export function checkRule(
  rule: ConsistencyRule,
  template: Template,
  values: Record<string, number | null>,
): Finding | null {
  const idx = indexTemplate(template);
  const involved: Record<string, number | null> = {};
  for (const c of [...rule.left, ...rule.right]) involved[c] = values[c] ?? null;
  const isBlank = (c: string) => involved[c] === null;
  if (rule.kind === 'requires') {
    if (rule.left.some(isBlank)) return null;
    const missing = rule.right.filter(isBlank);
    if (missing.length === 0) return null;
    const leftNodes = rule.left.map((c) => idx.get(c)).filter((n): n is IndicatorNode => !!n);
    const missNodes = missing.map((c) => idx.get(c)).filter((n): n is IndicatorNode => !!n);
    return {
      code: rule.left[0],
      severity: rule.severity,
      rule: rule.id,
      message: {
        vi: `Chỉ tiêu ${leftNodes.map((n) => `${label(n, 60)} = ${vi(involved[n.code])}`).join(', ')} có số liệu nhưng ${missNodes.map((n) => label(n, 60)).join(', ')} bỏ trống: ${rule.message.vi}.`,
        en: `Indicator ${leftNodes.map((n) => `${n.code} = ${en(involved[n.code])}`).join(', ')} is given but ${missNodes.map((n) => n.code).join(', ')} is blank: ${rule.message.en}.`,
      },
      values: involved,
      codes: [...rule.left, ...rule.right],
    };
  }
  if (rule.right.some(isBlank)) return null;
  let present = rule.left;
  if (rule.left.some(isBlank)) {
    if (rule.blanks !== 'ignore-left' || rule.kind !== 'lte') return null;
    present = rule.left.filter((c) => !isBlank(c));
    if (present.length === 0) return null;
  }
  return ruleFinding(rule, idx, involved, present);
}

export interface ValidateReportOptions {
  level: UnitLevel;
  previous?: ReportValues;
  /** Adds completeness findings for the level's indicators. */
  forSubmission?: boolean;
}

/**
 * All findings for one report: each value, the template's consistency rules, completeness
 * for the reporting level (when submitting) and sharp changes from the previous period.
 * Errors block submission; warnings are shown but do not.
 */
export function validateReport(template: Template, values: ReportValues, opts: ValidateReportOptions): Finding[] {
  const idx = indexTemplate(template);
  const findings: Finding[] = [];
  const clean: Record<string, number | null> = {};

  for (const [code, raw] of Object.entries(values)) {
    const node = idx.get(code);
    if (!node) {
      const v = typeof raw === 'number' ? raw : null;
      findings.push({
        code,
        severity: 'error',
        rule: VALIDATION_RULES.unknownIndicator,
        message: {
          vi: `Mã chỉ tiêu "${code}" không có trong biểu mẫu ${template.version}.`,
          en: `Indicator code "${code}" is not in template ${template.version}.`,
        },
        values: { [code]: v },
        codes: [code],
      });
      continue;
    }
    const r = validateValue(node, raw);
    findings.push(...r.findings);
    if (node.valueType) clean[code] = r.value;
    if (r.value !== null && node.valueType && !(node.levels ?? []).includes(opts.level)) {
      findings.push(finding(node, 'warning', VALIDATION_RULES.notForLevel,
        `cấp ${LEVEL_VI[opts.level]} không báo cáo chỉ tiêu này (chỉ ${(node.levels ?? []).map((l) => LEVEL_VI[l]).join(', ')}); giá trị ${vi(r.value)} sẽ không được tổng hợp theo cấp này.`,
        `the ${opts.level} level does not report this indicator (only ${(node.levels ?? []).join(', ')}).`,
        r.value));
    }
  }

  const ruleFindings = template.rules
    .map((rule) => checkRule(rule, template, clean))
    .filter((f): f is Finding => f !== null);
  // A warning over exactly the codes of an error says nothing new (1.6 = 1.6.1 + 1.6.2
  // after 1.6.1 + 1.6.2 ≤ 1.6 failed): keep the error only.
  const key = (f: Finding) => [...(f.codes ?? [f.code])].sort().join(',');
  const errorKeys = new Set(ruleFindings.filter((f) => f.severity === 'error').map(key));
  findings.push(...ruleFindings.filter((f) => f.severity === 'error' || !errorKeys.has(key(f))));

  if (opts.forSubmission) {
    for (const node of valueNodes(template, opts.level)) {
      if ((clean[node.code] ?? null) !== null) continue;
      if (findings.some((f) => f.code === node.code && f.severity === 'error')) continue;
      if (node.required) {
        findings.push(finding(node, 'error', VALIDATION_RULES.required,
          'bắt buộc khi nộp báo cáo nhưng đang bỏ trống (nếu không phát sinh, nhập 0).',
          'is required for submission but blank (enter 0 if there is none).', null));
      } else {
        findings.push(finding(node, 'warning', VALIDATION_RULES.missing,
          'đang bỏ trống; nếu không phát sinh, nên nhập 0 để phân biệt với chưa có số liệu.',
          'is blank; enter 0 if there is none, to tell it apart from missing data.', null));
      }
    }
  }

  if (opts.previous) findings.push(...jumpFindings(template, clean, opts.previous));
  return findings;
}

const LEVEL_VI: Record<UnitLevel, string> = { commune: 'xã', district: 'huyện', province: 'tỉnh' };

function jumpFindings(template: Template, current: Record<string, number | null>, previous: ReportValues): Finding[] {
  const idx = indexTemplate(template);
  const minAbs = template.jumpMinAbsolute ?? { count: 10, decimal: 10, percent: 20 };
  const out: Finding[] = [];
  for (const [code, cur] of Object.entries(current)) {
    const node = idx.get(code);
    const prevParsed = parseNumberInput(previous[code], node?.valueType);
    const prev = prevParsed.ok ? prevParsed.value : null;
    if (!node || cur === null || prev === null) continue;
    const t = node.valueType;
    if (t !== 'count' && t !== 'decimal' && t !== 'percent') continue;
    const diff = cur - prev;
    if (Math.abs(diff) < minAbs[t]) continue;
    const rel = prev === 0 ? Infinity : Math.abs(diff) / Math.abs(prev);
    if (rel <= template.jumpThreshold) continue;
    const pct = prev === 0 ? '' : ` (${diff > 0 ? '+' : '−'}${formatVietnameseNumber(rel * 100, 0)}%)`;
    const pctEn = prev === 0 ? '' : ` (${diff > 0 ? '+' : '-'}${Math.round(rel * 100)}%)`;
    out.push({
      code,
      severity: 'warning',
      rule: VALIDATION_RULES.jump,
      message: {
        vi: `Chỉ tiêu ${label(node)}: ${diff > 0 ? 'tăng' : 'giảm'} mạnh so với kỳ trước, từ ${vi(prev)} ${diff > 0 ? 'lên' : 'xuống'} ${vi(cur)}${pct}; đề nghị kiểm tra lại.`,
        en: `Indicator ${code}: ${diff > 0 ? 'rose' : 'fell'} sharply from the previous period, from ${en(prev)} to ${en(cur)}${pctEn}; please check.`,
      },
      values: { [code]: cur },
      previous: { [code]: prev },
      codes: [code],
    });
  }
  return out;
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
