import { formatVietnameseNumber } from '../format/number';
import { shortTitle } from '../format/text';
import { indexTemplate } from '../template/registry';
import type { IndicatorNode, ReportValues, Template, UnitLevel } from '../template/types';
import { isValidValue } from '../validation/validate';
import type { Criterion, CriterionScore, DomainScore, Inputs, ScoringScheme, UnitScore } from './types';

type Msg = { vi: string; en: string };

const round = (x: number) => Math.round(x * 1e4) / 1e4;
const fmt = (x: number, d = 2) => formatVietnameseNumber(x, d);
const fmtEn = (x: number, d = 2) => String(Math.round(x * 10 ** d) / 10 ** d);
const list = (x: Inputs): string[] => (typeof x === 'string' ? [x] : [...x]);

interface Read {
  /** Sum of the inputs, or null when any is missing/invalid. */
  value: number | null;
  problem?: Msg;
}

function readInputs(
  codes: string[],
  values: ReportValues,
  idx: Map<string, IndicatorNode>,
  inputs: Record<string, number | null>,
): Read {
  let total = 0;
  let problem: Msg | undefined;
  for (const code of codes) {
    const node = idx.get(code);
    const v = values[code];
    const usable = typeof v === 'number' && Number.isFinite(v) ? v : null;
    inputs[code] = usable;
    if (problem) continue;
    // Only a problem names the indicator: shortening every title cost more than the scoring itself.
    const name = () => (node ? `${code} (${shortTitle(node.title, 60)})` : code);
    if (usable === null) {
      problem = { vi: `thiếu số liệu chỉ tiêu ${name()}`, en: `indicator ${code} is blank` };
    } else if (node && !isValidValue(node, usable)) {
      problem = { vi: `giá trị ${fmt(usable)} của chỉ tiêu ${name()} không hợp lệ`, en: `the value ${fmtEn(usable)} of indicator ${code} is invalid` };
    } else {
      total += usable;
    }
  }
  return problem ? { value: null, problem } : { value: total };
}

function expr(codes: string[]): string {
  return codes.join(' + ');
}

/** A criterion's points without its reason: what a rollup stores. */
type CriterionPoints = Omit<CriterionScore, 'reason'>;

function scoreCriterion(c: Criterion, values: ReportValues, idx: Map<string, IndicatorNode>, reasons: true): CriterionScore;
function scoreCriterion(c: Criterion, values: ReportValues, idx: Map<string, IndicatorNode>, reasons: false): CriterionPoints;
function scoreCriterion(c: Criterion, values: ReportValues, idx: Map<string, IndicatorNode>, reasons: boolean): CriterionScore | CriterionPoints {
  const inputs: Record<string, number | null> = {};
  const max = c.maxPoints;
  // The reason is written when read (the breakdown, JSON): a rollup scores every commune and reads
  // only the points, and formatting the numbers of every reason was most of its scoring time.
  const result = (fraction: number, text: () => [vi: string, en: string]): CriterionScore | CriterionPoints => {
    const points = round(max * Math.max(0, Math.min(1, fraction)));
    const score = { code: c.code, title: c.title, points, max, inputs };
    // Even a lazy getter costs most of the scoring time (defineProperty per criterion of every commune).
    if (!reasons) return score;
    let reason: Msg | undefined;
    Object.defineProperty(score, 'reason', {
      enumerable: true,
      get: (): Msg => {
        if (!reason) {
          const [vi, en] = text();
          reason = { vi: `${vi} → ${fmt(points, 3)}/${fmt(max, 3)} điểm.`, en: `${en} → ${fmtEn(points, 3)}/${fmtEn(max, 3)} points.` };
        }
        return reason;
      },
    });
    return score;
  };
  const missing = (p: Msg) => result(0, () => [`Không chấm được: ${p.vi}`, `Not scored: ${p.en}`]);
  const rule = c.rule;

  switch (rule.kind) {
    case 'yesno': {
      const r = readInputs([rule.input], values, idx, inputs);
      if (r.value === null) return missing(r.problem as Msg);
      return r.value === 1
        ? result(1, () => [`${rule.input} = Có`, `${rule.input} = yes`])
        : result(0, () => [`${rule.input} = Không`, `${rule.input} = no`]);
    }
    case 'ratio': {
      const num = list(rule.numerator);
      const den = list(rule.denominator);
      const n = readInputs(num, values, idx, inputs);
      const d = readInputs(den, values, idx, inputs);
      if (d.value === null) return missing(d.problem as Msg);
      if (d.value === 0) {
        return (rule.onZeroDenominator ?? 'full') === 'full'
          ? result(1, () => [`Không phát sinh (${expr(den)} = 0), tính đủ điểm`, `Nothing arose (${expr(den)} = 0), full points`])
          : result(0, () => [`${expr(den)} = 0 nên không có kết quả để chấm`, `${expr(den)} = 0, nothing to score`]);
      }
      if (n.value === null) return missing(n.problem as Msg);
      const nv = n.value;
      const dv = d.value;
      const ratio = nv / dv;
      return result(
        ratio,
        () => [`${expr(num)} / ${expr(den)} = ${fmt(nv)}/${fmt(dv)} = ${fmt(ratio * 100, 1)}%${ratio > 1 ? ' (tối đa 100%)' : ''}`,
        `${expr(num)} / ${expr(den)} = ${fmtEn(nv)}/${fmtEn(dv)} = ${fmtEn(ratio * 100, 1)}%${ratio > 1 ? ' (capped at 100%)' : ''}`]
      );
    }
    case 'percent': {
      const codes = list(rule.input);
      const r = readInputs(codes, values, idx, inputs);
      if (r.value === null) return missing(r.problem as Msg);
      const v = r.value;
      return result(
        v / 100,
        () => [`${expr(codes)} = ${fmt(v)}%${v > 100 ? ' (tối đa 100%)' : ''}`,
        `${expr(codes)} = ${fmtEn(v)}%${v > 100 ? ' (capped at 100%)' : ''}`]
      );
    }
    case 'tiers': {
      const codes = list(rule.input);
      const r = readInputs(codes, values, idx, inputs);
      if (r.value === null) return missing(r.problem as Msg);
      const v = r.value;
      const tiers = [...rule.tiers].sort((a, b) => b.min - a.min);
      const hit = tiers.find((t) => v >= t.min);
      if (!hit) {
        const lowest = tiers[tiers.length - 1];
        return result(0,
          () => [`${expr(codes)} = ${fmt(v)}, dưới ngưỡng thấp nhất ${lowest ? fmt(lowest.min) : ''}`,
          `${expr(codes)} = ${fmtEn(v)}, below the lowest threshold ${lowest ? fmtEn(lowest.min) : ''}`]);
      }
      return result(hit.fraction,
        () => [`${expr(codes)} = ${fmt(v)} ≥ ${fmt(hit.min)}: ${fmt(hit.fraction * 100)}% số điểm`,
        `${expr(codes)} = ${fmtEn(v)} ≥ ${fmtEn(hit.min)}: ${fmtEn(hit.fraction * 100)}% of the points`]);
    }
    case 'choice': {
      const r = readInputs([rule.input], values, idx, inputs);
      if (r.value === null) return missing(r.problem as Msg);
      const v = r.value;
      const node = idx.get(rule.input);
      const option = node?.options?.find((o) => o.value === v);
      const fraction = rule.fractions[String(v)] ?? 0;
      return result(fraction,
        () => [`${rule.input} = ${option ? `${option.label} (${v})` : fmt(v)}: ${fmt(fraction * 100)}% số điểm`,
        `${rule.input} = ${option ? `${option.labelEn ?? option.label} (${v})` : fmtEn(v)}: ${fmtEn(fraction * 100)}% of the points`]);
    }
  }
}

/**
 * Scores one report. Criteria outside `level` are left out entirely (so a commune is not
 * marked down for district matters); a criterion with a missing or invalid input scores 0
 * and says which input.
 */
export function scoreReport(
  scheme: ScoringScheme,
  template: Template,
  values: ReportValues,
  level: UnitLevel = 'commune',
): UnitScore {
  const idx = indexTemplate(template);
  const domains: DomainScore[] = scoreDomains(scheme, level, (c) => scoreCriterion(c, values, idx, true)).map(({ domain, criteria, points, max }) => ({
    code: domain.code,
    title: domain.title,
    points,
    max,
    percent: max > 0 ? round((points / max) * 100) : null,
    criteria,
  }));
  return { schemeVersion: scheme.version, ...totalOf(domains), domains };
}

/** scoreReport's points only (same rules, same rounding), without the criteria and their reasons. */
export interface ScoreTotals {
  total: number;
  max: number;
  percent: number | null;
  domains: Array<{ code: string; points: number; max: number }>;
}

/**
 * The points of scoreReport without the criteria: a rollup scores every commune of the country and
 * stores only these, so it skips building each criterion's reason (most of scoreReport's time).
 */
export function scoreTotals(scheme: ScoringScheme, template: Template, values: ReportValues, level: UnitLevel = 'commune'): ScoreTotals {
  const idx = indexTemplate(template);
  const domains = scoreDomains(scheme, level, (c) => scoreCriterion(c, values, idx, false)).map(({ domain, points, max }) => ({ code: domain.code, points, max }));
  return { ...totalOf(domains), domains };
}

/** Each domain's criteria at `level`, scored, and their summed points (the one rounding of both). */
function scoreDomains<C extends CriterionPoints>(scheme: ScoringScheme, level: UnitLevel, score: (c: Criterion) => C) {
  return scheme.domains.map((domain) => {
    const criteria = domain.criteria.filter((c) => !c.levels || c.levels.includes(level)).map(score);
    const points = round(criteria.reduce((s, c) => s + c.points, 0));
    const max = round(criteria.reduce((s, c) => s + c.max, 0));
    return { domain, criteria, points, max };
  });
}

function totalOf(domains: Array<{ points: number; max: number }>): { total: number; max: number; percent: number | null } {
  const total = round(domains.reduce((s, d) => s + d.points, 0));
  const max = round(domains.reduce((s, d) => s + d.max, 0));
  return { total, max, percent: max > 0 ? round((total / max) * 100) : null };
}

/** Maximum points a level can get under a scheme. */
export function schemeMax(scheme: ScoringScheme, level: UnitLevel = 'commune'): number {
  return scheme.domains
    .flatMap((d) => d.criteria)
    .filter((c) => !c.levels || c.levels.includes(level))
    .reduce((s, c) => s + c.maxPoints, 0);
}

type Rankable = { score: number | null; unitCode?: string; code?: string };

function scoreOf(r: Rankable): number | null {
  return typeof r.score === 'number' && Number.isFinite(r.score) ? roundScore(r.score) : null;
}

function keyOf(r: Rankable): string {
  return r.unitCode ?? r.code ?? '';
}

function compareKeys(a: string, b: string): number {
  // Official unit codes are numeric strings: compare them as numbers ("477" before "19894").
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Scores (percent of the maximum) are shown with this many decimals, and ranks compare them at
 * this precision: two units whose shown figures are equal share a rank, and two shown differently
 * never do. The one rounding rule of rankings, the API's and the screens'.
 */
export const SCORE_DECIMALS = 2;
const SCORE_FACTOR = 10 ** SCORE_DECIMALS;

/** A score as shown and ranked: rounded half up to SCORE_DECIMALS (binary noise such as 88.845 → 88.84499… cleaned first). */
export function roundScore(x: number): number {
  return Math.round(Number((x * SCORE_FACTOR).toPrecision(12))) / SCORE_FACTOR;
}

/**
 * The share of its communes a district or province must have scored to be ranked, unless configured
 * (RANKING_MIN_COVERAGE). Below half, so a season still under review already ranks (the 2024 demo's
 * districts have 40–71 % of their communes approved), yet not on one or two good communes; each unit's
 * coverage is shown beside its rank, and one under 100 % is marked partial.
 */
export const DEFAULT_RANKING_MIN_COVERAGE = 0.4;

const TIE_EPS = 1e-9;

/**
 * Competition ranking ("1, 2, 2, 4"): highest score first, scores equal once rounded to
 * SCORE_DECIMALS (roundScore) share a rank,
 * rows without a score come last with rank null. Within equal scores (and among the
 * unscored) rows are ordered by `unitCode` (or `code`), numeric codes numerically, then
 * by their input order — so the same data always gives the same list.
 */
export function rankUnits<T extends Rankable>(rows: T[]): Array<T & { rank: number | null }> {
  // Each row's rounded score and key once, not in every comparison (a national recompute ranks every district's communes).
  const sorted = rows
    .map((row, i) => ({ row, i, s: scoreOf(row), k: keyOf(row) }))
    .sort((a, b) => {
      const sa = a.s;
      const sb = b.s;
      if (sa === null || sb === null) {
        if (sa !== sb) return sa === null ? 1 : -1;
      } else if (Math.abs(sa - sb) > TIE_EPS) {
        return sb - sa;
      }
      return compareKeys(a.k, b.k) || a.i - b.i;
    });
  let rank = 0;
  let prev: number | null = null;
  return sorted.map(({ row, s }, position) => {
    if (s === null) return { ...row, rank: null };
    if (prev === null || Math.abs(s - prev) > TIE_EPS) rank = position + 1;
    prev = s;
    return { ...row, rank };
  });
}
