import { parRows, type ParCriteriaSet } from './criteria-set';

export interface ParBand {
  name: string;
  /** Lower bound of the index, inclusive (0–100). */
  min: number;
}

export const DEFAULT_PAR_BANDS: readonly ParBand[] = [
  { name: 'Tốt', min: 90 },
  { name: 'Khá', min: 80 },
  { name: 'Trung bình', min: 65 },
  { name: 'Yếu', min: 0 },
];

/** Names present and distinct, bounds within [0, 100] and distinct, one band starting at 0; null when fine. */
export function bandsProblem(bands: readonly ParBand[]): { vi: string; en: string } | null {
  if (bands.length === 0) return { vi: 'Cần ít nhất một mức xếp loại.', en: 'At least one band is needed.' };
  for (const b of bands) {
    if (typeof b.name !== 'string' || !b.name.trim()) return { vi: 'Tên mức xếp loại không được để trống.', en: 'A band needs a name.' };
    if (typeof b.min !== 'number' || !Number.isFinite(b.min) || b.min < 0 || b.min > 100) {
      return { vi: `Ngưỡng của mức "${b.name}" phải từ 0 đến 100.`, en: `The bound of ${b.name} must be within 0–100.` };
    }
  }
  if (new Set(bands.map((b) => b.min)).size !== bands.length) return { vi: 'Các ngưỡng xếp loại không được trùng nhau.', en: 'Band bounds must be distinct.' };
  if (new Set(bands.map((b) => b.name.trim())).size !== bands.length) return { vi: 'Các tên mức xếp loại không được trùng nhau.', en: 'Band names must be distinct.' };
  if (!bands.some((b) => b.min === 0)) return { vi: 'Cần một mức bắt đầu từ 0 (mức thấp nhất).', en: 'One band must start at 0.' };
  return null;
}

export function bandFor(index: number, bands: readonly ParBand[]): string {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return (sorted.find((b) => index >= b.min) ?? sorted[sorted.length - 1]).name;
}

/** One row's appraised outcome: the score that counts, or not applicable (its max leaves the denominator). */
export interface ParRowOutcome {
  code: string;
  score: number | null;
  notApplicable: boolean;
}

export interface ParRoundRules {
  bonusCap: number;
  penaltyCap: number;
  /** Points the survey is worth on the round's scale; 0: no survey (the appraised part is converted to 100). */
  surveyWeight: number;
  bands: readonly ParBand[];
}

export interface ParUnitInput {
  unitCode: string;
  unitName?: string;
  rows: readonly ParRowOutcome[];
  bonus: number;
  penalty: number;
  /** The survey's score in percent (0–100); null when none was entered. */
  surveyPercent: number | null;
}

export interface ParDomainFigure {
  code: string;
  title: string;
  points: number;
  max: number;
  percent: number | null;
}

export interface ParUnitResult {
  unitCode: string;
  unitName?: string;
  appraised: number;
  /** Sum of the max of the rows that apply. */
  applicableMax: number;
  bonus: number;
  penalty: number;
  surveyPoints: number | null;
  /** applicableMax + the survey weight when the survey counts. */
  denominator: number;
  index: number;
  band: string;
  domains: ParDomainFigure[];
  /** The round weighs a survey but this unit has no survey score: its appraised part was converted alone. */
  surveyMissing: boolean;
}

export interface ParRankedResult extends ParUnitResult {
  rank: number;
  previousIndex: number | null;
  previousRank: number | null;
  /** index − last year's index. */
  indexChange: number | null;
  /** last year's rank − this rank (positive: moved up). */
  rankChange: number | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * One unit's index: (appraised + min(bonus, cap) − min(penalty, cap) + survey% × weight) as a
 * percentage of (applicable max + weight). Without a survey the appraised part is converted to 100
 * on its own. Rows missing from `rows` score 0 and count in the denominator.
 */
export function computeUnitResult(set: ParCriteriaSet, rules: ParRoundRules, input: ParUnitInput): ParUnitResult {
  const byCode = new Map(input.rows.map((r) => [r.code, r]));
  const domains: ParDomainFigure[] = set.domains.map((d) => ({ code: d.code, title: d.title, points: 0, max: 0, percent: null }));
  const domainOf = new Map(domains.map((d) => [d.code, d]));
  for (const row of parRows(set)) {
    const o = byCode.get(row.code);
    if (o?.notApplicable && row.notApplicableAllowed) continue;
    const fig = domainOf.get(row.domainCode)!;
    fig.max += row.maxPoints;
    fig.points += Math.min(row.maxPoints, Math.max(0, o?.score ?? 0));
  }
  for (const d of domains) {
    d.points = round2(d.points);
    d.max = round2(d.max);
    d.percent = d.max > 0 ? round2((d.points / d.max) * 100) : null;
  }
  const appraised = round2(domains.reduce((a, d) => a + d.points, 0));
  const applicableMax = round2(domains.reduce((a, d) => a + d.max, 0));
  const bonus = round2(Math.min(Math.max(0, input.bonus), rules.bonusCap));
  const penalty = round2(Math.min(Math.max(0, input.penalty), rules.penaltyCap));
  const surveyCounts = rules.surveyWeight > 0 && input.surveyPercent !== null;
  const surveyPoints = surveyCounts ? round2((Math.min(100, Math.max(0, input.surveyPercent!)) / 100) * rules.surveyWeight) : null;
  const denominator = round2(applicableMax + (surveyCounts ? rules.surveyWeight : 0));
  const raw = appraised + bonus - penalty + (surveyPoints ?? 0);
  const index = denominator > 0 ? round2(Math.max(0, (raw / denominator) * 100)) : 0;
  return {
    unitCode: input.unitCode,
    ...(input.unitName !== undefined ? { unitName: input.unitName } : {}),
    appraised,
    applicableMax,
    bonus,
    penalty,
    surveyPoints,
    denominator,
    index,
    band: bandFor(index, rules.bands),
    domains,
    surveyMissing: rules.surveyWeight > 0 && input.surveyPercent === null,
  };
}

/** Highest index first; equal indexes share a rank and the next rank skips (1, 2, 2, 4). Ties listed by code. */
export function rankParResults(results: readonly ParUnitResult[], previous: ReadonlyMap<string, { index: number; rank: number }> = new Map()): ParRankedResult[] {
  const sorted = [...results].sort((a, b) => b.index - a.index || a.unitCode.localeCompare(b.unitCode));
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || r.index !== sorted[i - 1].index) rank = i + 1;
    const prev = previous.get(r.unitCode);
    return {
      ...r,
      rank,
      previousIndex: prev?.index ?? null,
      previousRank: prev?.rank ?? null,
      indexChange: prev ? round2(r.index - prev.index) : null,
      rankChange: prev ? prev.rank - rank : null,
    };
  });
}
