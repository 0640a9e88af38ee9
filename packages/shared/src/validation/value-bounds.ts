import type { IndicatorNode, ValueType } from '../template/types';

/**
 * The largest magnitude any value may have to be stored at all. Above it (1e308, or a digit
 * string that overflows) the input is refused outright: it is no figure a commune reports, and
 * doubles stop holding whole numbers exactly a little above it (2^53 ≈ 9.007e15).
 */
export const HARD_VALUE_LIMIT = 1e15;

/**
 * The upper bound of each value type. A value beyond it (but within HARD_VALUE_LIMIT) is kept
 * in a draft as an error finding that blocks submission, like a value below 0.
 *  - count: whole numbers 0 … 10^9 (a commune's records, people, procedures);
 *  - decimal: 0 … 10^12 (money in million đồng, areas, averages);
 *  - percent: 0 … 100;
 *  - yesno / choice: one of the options.
 */
export const TYPE_UPPER_BOUND: Readonly<Record<Exclude<ValueType, 'yesno' | 'choice'>, number>> = {
  count: 1e9,
  decimal: 1e12,
  percent: 100,
};

/** The upper bound of one indicator (its type's; a template never allows more). */
export function upperBoundOf(node: IndicatorNode): number | null {
  const t = node.valueType;
  if (t === 'count' || t === 'decimal' || t === 'percent') return node.max !== undefined ? Math.min(node.max, TYPE_UPPER_BOUND[t]) : TYPE_UPPER_BOUND[t];
  return null;
}

/** The lower bound a row declares beyond its type's (0 for counts, decimals and percentages). */
export function lowerBoundOf(node: IndicatorNode): number | null {
  return node.min !== undefined && node.min > 0 ? node.min : null;
}

/** Whether a number may be stored at all (finite and within the hard limit); what it means is checked separately. */
export function isStorableValue(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= HARD_VALUE_LIMIT;
}
