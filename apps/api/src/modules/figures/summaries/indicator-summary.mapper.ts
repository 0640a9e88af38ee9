import { emptyStats, summarize, type IndicatorNode, type IndicatorStats, type Template } from '@cchc/shared';
import type { IndicatorSummaryDto, SummaryIndicatorDto } from './dto/summary-response.dto';

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

/**
 * The template tree as the summary endpoints show it: each value node with its figures (nothing stored:
 * empty stats) and, where given, the unit's own figure beside them.
 */
export function toIndicatorTree(
  template: Template,
  statsOf: (code: string) => IndicatorStats | undefined,
  ownOf: (node: Template['nodes'][number]) => SummaryIndicatorDto['own'] = () => null,
): SummaryIndicatorDto[] {
  return template.nodes.map((node) => ({
    code: node.code,
    title: node.title,
    titleEn: node.titleEn ?? null,
    unit: node.displayUnit ?? node.unit,
    depth: node.depth,
    parent: node.parent ?? null,
    isHeading: node.isHeading,
    valueType: node.valueType ?? null,
    summary: node.valueType ? toIndicatorSummaryDto(node, summarize(node, statsOf(node.code) ?? emptyStats(node.code))) : null,
    own: node.valueType ? ownOf(node) : null,
  }));
}
