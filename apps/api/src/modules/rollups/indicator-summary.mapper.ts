import { summarize, type IndicatorNode } from '@cchc/shared';
import type { IndicatorSummaryDto } from './dto/summary-response.dto';

const YES_NO_OPTIONS = [
  { value: 0, label: 'Không', labelEn: 'No' },
  { value: 1, label: 'Có', labelEn: 'Yes' },
];

/** One indicator's summarize() result as the API shows it: options named, a yes/no as its two answers. */
export function toIndicatorSummaryDto(node: IndicatorNode, s: ReturnType<typeof summarize>): IndicatorSummaryDto {
  const options = node.options ?? (node.valueType === 'yesno' ? YES_NO_OPTIONS : null);
  return {
    rule: s.rule,
    count: s.count,
    sum: s.sum,
    mean: s.mean,
    min: s.min,
    max: s.max,
    headline: s.headline,
    shareYes: s.shareYes,
    weightedSum: s.weightedSum,
    weightSum: s.weightSum,
    optionCounts: options
      ? options.map((o) => ({ value: o.value, label: o.label, labelEn: o.labelEn ?? null, count: s.optionCounts[String(o.value)] ?? 0 }))
      : null,
  };
}
