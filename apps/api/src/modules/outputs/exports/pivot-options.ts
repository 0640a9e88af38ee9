import type { IndicatorNode } from '@cchc/shared';
import type { PivotColumn } from './pivot-layout';

/** Option columns come after every indicator column: `1.4.2#1` = units that chose option 1 of 1.4.2. */
export const OPTION_SEPARATOR = '#';

export interface OptionColumn extends PivotColumn {
  indicator: IndicatorNode;
  value: number;
}

/** One column per option of each choice indicator, counting the units that chose it. */
export function optionColumns(columns: IndicatorNode[]): OptionColumn[] {
  return columns
    .filter((c) => c.valueType === 'choice' && c.options?.length)
    .flatMap((c) =>
      (c.options ?? []).map((o) => ({
        code: `${c.code}${OPTION_SEPARATOR}${o.value}`,
        title: `${c.title} — ${o.label}`,
        unit: 'Số đơn vị',
        indicator: c,
        value: o.value,
      })),
    );
}

/** Our own option-count columns: read back by nothing (the importer skips them). */
export function isOptionColumn(header: string): boolean {
  return new RegExp(`^[0-9.]+${OPTION_SEPARATOR}\\d+$`).test(header);
}
