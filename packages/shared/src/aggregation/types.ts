import type { AggregationRule } from '../template/types';

/**
 * Composable statistics for one indicator over a set of reporting units.
 * Everything in here combines exactly (sums of sums, min of mins), so a province
 * summary built from district summaries equals one built from all communes.
 */
export interface IndicatorStats {
  code: string;
  /** Units that reported a (non-blank) value. */
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  /** Σ value × weight and Σ weight over units with both present (weighted_mean only). */
  weightedSum: number;
  weightSum: number;
  /** Choice and yes/no: units per option value, keys as strings ("0", "1", "2"). */
  optionCounts: Record<string, number>;
}

export interface IndicatorSummary extends IndicatorStats {
  rule: AggregationRule;
  mean: number | null;
  /** The figure shown as "the value": sum for counts, (weighted) mean for percentages,
   * number of 1s for yes/no, null for choices (see distribution). */
  headline: number | null;
  /** yes/no: share of reporting units with 1, 0–100. */
  shareYes: number | null;
}
