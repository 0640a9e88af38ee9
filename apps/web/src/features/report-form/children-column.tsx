import { useMemo } from 'react';
import { Hint } from '../../components/hint';
import { Typography } from '../../components/plain-typography';
import type { IndicatorNode, UnitLevel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import type { IndicatorTreeProps } from '../../components/report/indicator-tree';
import { Headline } from '../../components/figure-cells';
import { useFetchSummary } from '../../api/hooks/use-fetch-summary';

/**
 * On a district's (province's) own form, each row beside the consolidation of its children, read-only,
 * from the summary endpoint; the header says how much of the unit it covers. A commune has no children:
 * nothing, and no request.
 */
export function useChildrenColumn(unitCode: string, period: string, level: UnitLevel): IndicatorTreeProps['aside'] {
  const { t } = useTranslation();
  const summary = useFetchSummary(level === 'commune' ? null : unitCode, period);
  const data = summary.data;
  const byCode = useMemo(() => new Map((data?.indicators ?? []).map((i) => [i.code, i.summary])), [data]);
  if (level === 'commune') return undefined;
  const c = data?.coverage;
  return {
    title: (
      <Hint text={t('form.childrenHelp')}>
        <span data-testid="children-column-title">
          {t('form.colChildren')}
          {c && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11 }}>
              {t('form.childrenCoverage', { reported: c.reported, expected: c.expected })}
              {level === 'province' && c.childrenExpected > 0 && ` · ${t('form.childrenUnitsCoverage', { reported: c.childrenReported, expected: c.childrenExpected })}`}
            </Typography.Text>
          )}
        </span>
      </Hint>
    ),
    render: (node: IndicatorNode) => (data ? <Headline ind={{ valueType: node.valueType ?? null }} f={byCode.get(node.code) ?? null} /> : null),
  };
}
