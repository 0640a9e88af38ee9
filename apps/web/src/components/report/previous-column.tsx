import { useMemo } from 'react';
import { Hint } from '../hint';
import { Typography } from '../plain-typography';
import { periodLabel, previousPeriodId, type IndicatorNode } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../../lib/format';
import type { IndicatorTreeProps } from './indicator-tree';

/** A previous report as the form reads it (only an approved one is shown: a draft is not a figure yet). */
export interface PreviousReport {
  period: string;
  status: string | null;
  values: Record<string, number>;
}

/** How a previous value is written beside the input: the option's label, a Vietnamese number, or a dash. */
export function previousText(node: IndicatorNode, v: number | undefined, en: boolean): string {
  if (v === undefined || v === null) return '—';
  const o = node.options?.find((x) => x.value === v);
  if (o) return en && o.labelEn ? o.labelEn : o.label;
  return `${fmtNumber(v, 4)}${node.valueType === 'percent' ? '%' : ''}`;
}

/**
 * The read-only "Kỳ trước" column: the same period type of the previous year, approved, beside
 * each input on the form and the review page. Nothing (no column) when there is no approved one.
 */
export function usePreviousColumn(period: string, previous: PreviousReport | null | undefined): IndicatorTreeProps['previous'] {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const prevId = previousPeriodId(period);
  const values = previous?.status === 'approved' ? previous.values : null;
  return useMemo(() => {
    if (!values || !prevId) return undefined;
    return {
      title: (
        <Hint text={t('form.previousHelp', { period: periodLabel(prevId, en ? 'en' : 'vi') })}>
          <span data-testid="previous-column-title">
            {t('form.colPrevious')}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11 }}>
              {periodLabel(prevId, en ? 'en' : 'vi')}
            </Typography.Text>
          </span>
        </Hint>
      ),
      render: (node: IndicatorNode) => previousText(node, values[node.code], en),
    };
  }, [values, prevId, en, t]);
}
