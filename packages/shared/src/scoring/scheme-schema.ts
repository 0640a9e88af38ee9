import { z } from 'zod';
import { TEMPLATE_VERSION_PATTERN, UNIT_LEVEL_VALUES } from '../template/template-schema';
import { indexTemplate } from '../template/registry';
import type { Template, UnitLevel } from '../template/types';
import { schemeMax } from './score';
import type { CriterionRule, ScoringScheme } from './types';

/**
 * The scoring scheme document: the JSON a scheme is served as, accepted back by
 * `POST /api/scoring-schemes`. `validateScheme` checks it against its template version: every
 * criterion's inputs are value rows of that version, and the maxima add up to what it declares.
 */

const inputs = z.union([z.string().min(1).max(32), z.array(z.string().min(1).max(32)).min(1).max(20)]);
const fraction = z.number().min(0).max(1);

const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('yesno'), input: z.string().min(1).max(32) }).strict(),
  z.object({ kind: z.literal('ratio'), numerator: inputs, denominator: inputs, onZeroDenominator: z.enum(['full', 'zero']).optional() }).strict(),
  z.object({ kind: z.literal('tiers'), input: inputs, tiers: z.array(z.object({ min: z.number().finite(), fraction }).strict()).min(1).max(20) }).strict(),
  z.object({ kind: z.literal('percent'), input: inputs }).strict(),
  z.object({ kind: z.literal('choice'), input: z.string().min(1).max(32), fractions: z.record(z.string(), fraction) }).strict(),
]);

const criterionSchema = z
  .object({
    code: z.string().min(1).max(32),
    title: z.string().min(1).max(500),
    titleEn: z.string().max(500).optional(),
    maxPoints: z.number().finite().positive().max(1000),
    rule: ruleSchema,
    levels: z.array(z.enum(UNIT_LEVEL_VALUES as [UnitLevel, ...UnitLevel[]])).min(1).max(3).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const schemeDocumentSchema = z
  .object({
    version: z.string().regex(TEMPLATE_VERSION_PATTERN),
    templateVersion: z.string().regex(TEMPLATE_VERSION_PATTERN),
    title: z.string().max(500).optional(),
    declaredMax: z.object({ commune: z.number().optional(), district: z.number().optional(), province: z.number().optional() }).strict().optional(),
    domains: z
      .array(z.object({ code: z.string().min(1).max(32), title: z.string().min(1).max(500), titleEn: z.string().max(500).optional(), criteria: z.array(criterionSchema).min(1).max(200) }).strict())
      .min(1)
      .max(50),
  })
  .strict();

export interface SchemeIssue {
  /** Criterion code (or domain code), null for the document. */
  code: string | null;
  field: string;
  vi: string;
  en: string;
}

export type SchemeValidation = { ok: true; scheme: ScoringScheme } | { ok: false; issues: SchemeIssue[] };

function inputsOf(rule: CriterionRule): string[] {
  switch (rule.kind) {
    case 'ratio':
      return [rule.numerator, rule.denominator].flatMap((x) => (typeof x === 'string' ? [x] : [...x]));
    case 'tiers':
    case 'percent':
      return typeof rule.input === 'string' ? [rule.input] : [...rule.input];
    default:
      return [rule.input];
  }
}

/** Checks shape, then each criterion against `template` (the version the scheme names). */
export function validateScheme(input: unknown, template: Template): SchemeValidation {
  const parsed = schemeDocumentSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => {
        const field = i.path.map(String).join('.');
        return { code: null, field, vi: `Trường "${field}" không hợp lệ (${i.message}).`, en: `Field "${field}": ${i.message}.` };
      }),
    };
  }
  const scheme = parsed.data as ScoringScheme & { declaredMax?: Partial<Record<UnitLevel, number>> };
  const issues: SchemeIssue[] = [];
  if (scheme.templateVersion !== template.version) {
    issues.push({ code: null, field: 'templateVersion', vi: `Cách chấm điểm dành cho biểu mẫu "${scheme.templateVersion}", không phải "${template.version}".`, en: `The scheme is for template "${scheme.templateVersion}", not "${template.version}".` });
  }
  const idx = indexTemplate(template);
  const seen = new Set<string>();
  for (const d of scheme.domains) {
    for (const c of d.criteria) {
      const add = (field: string, vi: string, en: string) => issues.push({ code: c.code, field, vi: `Tiêu chí ${c.code}: ${vi}`, en: `Criterion ${c.code}: ${en}` });
      if (seen.has(c.code)) add('code', 'mã tiêu chí bị trùng.', 'duplicate criterion code.');
      seen.add(c.code);
      for (const code of inputsOf(c.rule)) {
        const node = idx.get(code);
        if (!node) add('rule', `chỉ tiêu "${code}" không có trong biểu mẫu ${template.version}.`, `indicator "${code}" is not in template ${template.version}.`);
        else if (node.valueType === undefined) add('rule', `chỉ tiêu "${code}" là dòng tiêu đề, không có số liệu để chấm.`, `indicator "${code}" is a heading without a value.`);
        else if (c.rule.kind === 'choice' && node.valueType !== 'choice' && node.valueType !== 'yesno') {
          add('rule', `chấm theo phương án nhưng chỉ tiêu "${code}" có kiểu "${node.valueType}".`, `a choice criterion on "${code}" of type "${node.valueType}".`);
        } else if (c.rule.kind === 'choice') {
          const values = new Set((node.options ?? [{ value: 0 }, { value: 1 }]).map((o) => String(o.value)));
          const stray = Object.keys(c.rule.fractions).filter((k) => !values.has(k));
          if (stray.length > 0) add('rule', `phương án ${stray.join(', ')} không có ở chỉ tiêu "${code}".`, `option(s) ${stray.join(', ')} do not exist on "${code}".`);
        }
      }
    }
  }
  for (const level of UNIT_LEVEL_VALUES) {
    const declared = scheme.declaredMax?.[level];
    if (declared === undefined) continue;
    const actual = schemeMax(scheme, level);
    if (Math.abs(actual - declared) > 1e-9) {
      issues.push({ code: null, field: `declaredMax.${level}`, vi: `Tổng điểm tối đa cấp ${level === 'commune' ? 'xã' : level === 'district' ? 'huyện' : 'tỉnh'} khai báo ${declared} nhưng các tiêu chí cộng lại ${actual}.`, en: `Declared ${level} maximum ${declared}, but the criteria add up to ${actual}.` });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scheme };
}
