import { isValidValue } from '../validation/validate';
import { DEFAULT_AGGREGATION } from '../template/build-template';
import { valueNodes } from '../template/registry';
import type { AggregationRule, IndicatorNode, ReportValues, Template } from '../template/types';
import type { IndicatorStats, IndicatorSummary } from './types';

export function emptyStats(code: string): IndicatorStats {
  return { code, count: 0, sum: 0, min: null, max: null, weightedSum: 0, weightSum: 0, optionCounts: {} };
}

function usable(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/**
 * Statistics of one indicator over reporting units. Blank (null/undefined) is not a report
 * and is not counted; a value that fails its own type check (a 130 in a % row) is not
 * counted either, so one wrong figure cannot distort a district's mean. Weights count only
 * for weighted_mean indicators and only where both value and weight are present.
 */
export function statsFromValues(
  node: IndicatorNode,
  entries: Array<{ value: number | null | undefined; weight?: number | null }>,
): IndicatorStats {
  const s = emptyStats(node.code);
  const weighted = node.aggregation === 'weighted_mean';
  const categorical = node.valueType === 'yesno' || node.valueType === 'choice';
  for (const e of entries) {
    const v = e.value;
    if (!usable(v) || (node.valueType && !isValidValue(node, v))) continue;
    s.count += 1;
    s.sum += v;
    s.min = s.min === null ? v : Math.min(s.min, v);
    s.max = s.max === null ? v : Math.max(s.max, v);
    if (weighted && usable(e.weight) && e.weight >= 0) {
      s.weightedSum += v * e.weight;
      s.weightSum += e.weight;
    }
    if (categorical) {
      const key = String(v);
      s.optionCounts[key] = (s.optionCounts[key] ?? 0) + 1;
    }
  }
  return s;
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/**
 * Merges the statistics of two disjoint sets of units. Associative and commutative, so
 * a province can be built from its districts' stats. Counts and option counts are exact;
 * sums of non-integer values are exact up to floating-point rounding.
 */
export function combineStats(a: IndicatorStats, b: IndicatorStats): IndicatorStats {
  return mergeStatsInto({ ...a, optionCounts: { ...a.optionCounts } }, b);
}

/**
 * combineStats into `target`, which the caller owns (its optionCounts too): the same figures, in the
 * same order of additions, without a new object per child (a province merges ~2,700 child rows a pass).
 */
export function mergeStatsInto(target: IndicatorStats, b: IndicatorStats): IndicatorStats {
  if (target.code !== b.code) throw new Error(`combineStats: ${target.code} ≠ ${b.code}`);
  target.count += b.count;
  target.sum += b.sum;
  target.min = minOf(target.min, b.min);
  target.max = maxOf(target.max, b.max);
  target.weightedSum += b.weightedSum;
  target.weightSum += b.weightSum;
  for (const k in b.optionCounts) target.optionCounts[k] = (target.optionCounts[k] ?? 0) + b.optionCounts[k];
  return target;
}

export function defaultRule(node: IndicatorNode): AggregationRule {
  return node.aggregation ?? (node.valueType ? DEFAULT_AGGREGATION[node.valueType] : 'sum');
}

/**
 * The figures of a summary and its headline. With no reporting unit every headline is null
 * (a district where nobody reported has no total — not a total of 0). A weighted mean whose
 * units all lack the weight falls back to the plain mean rather than showing nothing.
 */
export function summarize(node: IndicatorNode, stats: IndicatorStats): IndicatorSummary {
  const rule = defaultRule(node);
  const mean = stats.count > 0 ? stats.sum / stats.count : null;
  const ones = stats.optionCounts['1'] ?? 0;
  let headline: number | null = null;
  if (stats.count > 0) {
    switch (rule) {
      case 'sum':
        headline = stats.sum;
        break;
      case 'mean':
        headline = mean;
        break;
      case 'weighted_mean':
        headline = stats.weightSum > 0 ? stats.weightedSum / stats.weightSum : mean;
        break;
      case 'share_yes':
        headline = ones;
        break;
      case 'distribution':
        headline = null;
        break;
      case 'max':
        headline = stats.max;
        break;
      case 'min':
        headline = stats.min;
        break;
    }
  }
  const isYesNo = node.valueType === 'yesno' || rule === 'share_yes';
  return {
    ...stats,
    optionCounts: { ...stats.optionCounts },
    rule,
    mean,
    headline,
    shareYes: isYesNo && stats.count > 0 ? (ones / stats.count) * 100 : null,
  };
}

/** Summaries of every value-bearing indicator over a set of reports (e.g. a district's communes). */
export function aggregateReports(template: Template, reports: ReportValues[]): Record<string, IndicatorSummary> {
  const out: Record<string, IndicatorSummary> = {};
  for (const node of valueNodes(template)) {
    const entries = reports.map((r) => ({
      value: r[node.code],
      weight: node.weightCode ? r[node.weightCode] : undefined,
    }));
    out[node.code] = summarize(node, statsFromValues(node, entries));
  }
  return out;
}
