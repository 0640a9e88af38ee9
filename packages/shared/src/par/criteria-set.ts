import { z } from 'zod';

/**
 * A PAR Index criteria set (bộ tiêu chí xác định Chỉ số CCHC) as data: domain → criterion →
 * sub-criterion. The province enters it; the official per-criterion points of a commune index are
 * data, never code. Only sub-criteria carry points: a criterion's maximum is the sum of its rows.
 */

const code = z
  .string({ required_error: 'Thiếu mã.', invalid_type_error: 'Mã phải là chuỗi.' })
  .trim()
  .regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, 'Mã chỉ gồm chữ, số và dấu chấm, ví dụ 1.2.3.');
const title = z.string({ required_error: 'Thiếu tên.', invalid_type_error: 'Tên phải là chuỗi.' }).trim().min(1, 'Tên không được để trống.').max(500, 'Tên dài quá 500 ký tự.');
const points = z
  .number({ required_error: 'Thiếu điểm tối đa.', invalid_type_error: 'Điểm tối đa phải là số.' })
  .positive('Điểm tối đa phải lớn hơn 0.')
  .max(1000, 'Điểm tối đa quá lớn.');
const indicatorCodes = z.array(code).min(1, 'Cần ít nhất một mã chỉ tiêu.').max(10, 'Nhiều nhất 10 mã chỉ tiêu.');

/** How a reported ratio becomes points: the first band (highest `minPercent` first) the ratio reaches gives its share of the max. */
const mappingBand = z.object({
  minPercent: z.number({ invalid_type_error: 'Ngưỡng phải là số.' }).min(0, 'Ngưỡng không âm.').max(1000, 'Ngưỡng quá lớn.'),
  percentOfMax: z.number({ invalid_type_error: 'Tỷ lệ điểm phải là số.' }).min(0, 'Tỷ lệ điểm từ 0 đến 100.').max(100, 'Tỷ lệ điểm từ 0 đến 100.'),
});

export const parSourceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('ratio'),
      /** Indicator codes of the year report, summed (e.g. ['1.1.2']). */
      numerator: indicatorCodes,
      denominator: indicatorCodes,
      /** Absent: ratio × max (capped at the max). */
      mapping: z.array(mappingBand).min(1, 'Bảng quy đổi cần ít nhất một mức.').max(20).optional(),
      /** A zero denominator means nothing arose: full points unless this says 'zero'. */
      onZeroDenominator: z.enum(['full', 'zero']).optional(),
    }),
    z.object({ kind: z.literal('yesno'), input: code }),
  ],
  { errorMap: () => ({ message: 'Nguồn từ báo cáo định kỳ phải là "ratio" hoặc "yesno".' }) },
);

export const parScoringSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('yesno') }),
    /** Allowed scores as % of the max, e.g. [100, 75, 50]; 0 is always allowed. */
    z.object({
      kind: z.literal('tiers'),
      tiers: z
        .array(z.number({ invalid_type_error: 'Mức phải là số.' }).gt(0, 'Mức phải lớn hơn 0%.').max(100, 'Mức không quá 100%.'))
        .min(1, 'Cần ít nhất một mức.')
        .max(10, 'Nhiều nhất 10 mức.'),
    }),
    z.object({ kind: z.literal('ratio') }),
    z.object({ kind: z.literal('manual') }),
  ],
  { errorMap: () => ({ message: 'Cách chấm phải là yesno, tiers, ratio hoặc manual.' }) },
);

export const parSubCriterionSchema = z.object({
  code,
  title,
  maxPoints: points,
  scoring: parScoringSchema,
  notApplicableAllowed: z.boolean({ invalid_type_error: 'notApplicableAllowed phải là true/false.' }).default(false),
  evidence: z.string({ invalid_type_error: 'Tài liệu kiểm chứng phải là chuỗi.' }).trim().max(2000, 'Yêu cầu tài liệu dài quá 2000 ký tự.').default(''),
  source: parSourceSchema.optional(),
});

export const parCriterionSchema = z.object({
  code,
  title,
  subCriteria: z.array(parSubCriterionSchema).min(1, 'Mỗi tiêu chí cần ít nhất một tiêu chí thành phần.').max(100),
});

export const parDomainSchema = z.object({
  code,
  title,
  criteria: z.array(parCriterionSchema).min(1, 'Mỗi lĩnh vực cần ít nhất một tiêu chí.').max(100),
});

export const parCriteriaSetSchema = z.object({
  title,
  /** A demo built from published structure, not an official decision: screens say so. */
  demo: z.boolean().default(false),
  /** The decision it follows, e.g. "QĐ 5666/QĐ-UBND" (free text). */
  basis: z.string().trim().max(300).optional(),
  domains: z.array(parDomainSchema).min(1, 'Bộ tiêu chí cần ít nhất một lĩnh vực.').max(30),
});

export type ParSource = z.infer<typeof parSourceSchema>;
export type ParScoring = z.infer<typeof parScoringSchema>;
export type ParSubCriterion = z.infer<typeof parSubCriterionSchema>;
export type ParCriterion = z.infer<typeof parCriterionSchema>;
export type ParDomain = z.infer<typeof parDomainSchema>;
export type ParCriteriaSet = z.infer<typeof parCriteriaSetSchema>;
/** What a client may send (defaults not yet applied). */
export type ParCriteriaSetInput = z.input<typeof parCriteriaSetSchema>;

export interface ParProblem {
  /** Where, e.g. "domains.0.criteria.1.subCriteria.2.maxPoints". */
  path: string;
  vi: string;
  en: string;
}

export type ParValidation = { ok: true; set: ParCriteriaSet; maxPoints: number } | { ok: false; problems: ParProblem[] };

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Every sub-criterion with the domain it belongs to, in document order. */
export function parRows(set: ParCriteriaSet): Array<ParSubCriterion & { domainCode: string; criterionCode: string }> {
  return set.domains.flatMap((d) => d.criteria.flatMap((c) => c.subCriteria.map((s) => ({ ...s, domainCode: d.code, criterionCode: c.code }))));
}

/** Checks shape (zod) and what zod cannot say: codes unique and nested under their parent, tiers distinct. */
export function validateCriteriaSet(input: unknown): ParValidation {
  const parsed = parCriteriaSetSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), vi: i.message, en: `${i.code}: ${i.path.join('.') || 'document'}` })),
    };
  }
  const set = parsed.data;
  const problems: ParProblem[] = [];
  const seen = new Map<string, string>();
  const claim = (c: string, path: string) => {
    const other = seen.get(c);
    if (other) problems.push({ path, vi: `Mã ${c} bị trùng (đã dùng ở ${other}).`, en: `Code ${c} is used twice (also at ${other}).` });
    else seen.set(c, path);
  };
  set.domains.forEach((d, di) => {
    claim(d.code, `domains.${di}.code`);
    d.criteria.forEach((c, ci) => {
      const cp = `domains.${di}.criteria.${ci}`;
      claim(c.code, `${cp}.code`);
      if (!c.code.startsWith(`${d.code}.`)) {
        problems.push({ path: `${cp}.code`, vi: `Mã tiêu chí ${c.code} phải bắt đầu bằng mã lĩnh vực ${d.code}.`, en: `Criterion ${c.code} must start with its domain's code ${d.code}.` });
      }
      c.subCriteria.forEach((s, si) => {
        const sp = `${cp}.subCriteria.${si}`;
        claim(s.code, `${sp}.code`);
        if (!s.code.startsWith(`${c.code}.`)) {
          problems.push({ path: `${sp}.code`, vi: `Mã tiêu chí thành phần ${s.code} phải bắt đầu bằng mã tiêu chí ${c.code}.`, en: `Sub-criterion ${s.code} must start with its criterion's code ${c.code}.` });
        }
        if (s.scoring.kind === 'tiers' && new Set(s.scoring.tiers).size !== s.scoring.tiers.length) {
          problems.push({ path: `${sp}.scoring.tiers`, vi: 'Các mức điểm không được trùng nhau.', en: 'Tiers must be distinct.' });
        }
        if (s.source?.kind === 'ratio' && s.source.mapping) {
          const mins = s.source.mapping.map((m) => m.minPercent);
          if (new Set(mins).size !== mins.length) {
            problems.push({ path: `${sp}.source.mapping`, vi: 'Các ngưỡng quy đổi không được trùng nhau.', en: 'Mapping thresholds must be distinct.' });
          }
        }
      });
    });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, set, maxPoints: round2(parRows(set).reduce((a, r) => a + r.maxPoints, 0)) };
}

/** Whether a score fits the row's scoring kind; null when it does. */
export function scoreProblem(row: Pick<ParSubCriterion, 'code' | 'maxPoints' | 'scoring'>, score: number): { vi: string; en: string } | null {
  if (!Number.isFinite(score) || score < 0 || score > row.maxPoints + 1e-9) {
    return { vi: `Điểm của ${row.code} phải từ 0 đến ${row.maxPoints}.`, en: `The score of ${row.code} must be between 0 and ${row.maxPoints}.` };
  }
  if (row.scoring.kind === 'yesno' && score !== 0 && Math.abs(score - row.maxPoints) > 1e-9) {
    return { vi: `${row.code} chấm đạt/không đạt: chỉ 0 hoặc ${row.maxPoints} điểm.`, en: `${row.code} is yes/no: only 0 or ${row.maxPoints}.` };
  }
  if (row.scoring.kind === 'tiers') {
    const allowed = [0, ...row.scoring.tiers.map((t) => round2((t / 100) * row.maxPoints))];
    if (!allowed.some((a) => Math.abs(a - score) < 1e-6)) {
      return { vi: `${row.code} chỉ nhận các mức: ${allowed.join('; ')} điểm.`, en: `${row.code} takes only: ${allowed.join(', ')}.` };
    }
  }
  return null;
}
