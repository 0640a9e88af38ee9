import { distinctDigits } from '@cchc/shared';
import { fmtPercent } from '../../lib/format';

/**
 * How each score of a ranking is written: with 1 decimal, or as many more (up to 4) as it takes to
 * differ from the scores next to it. The API ranks on the percentage rounded to 4 decimals, so units
 * sharing a rank have the same percentage and are written alike; units of different rank never are.
 */
export function scoreFormatter(rows: { total: { percent: number | null } | null }[]): (percent: number | null | undefined) => string {
  const digits = distinctDigits(rows.map((r) => r.total?.percent).filter((p): p is number => typeof p === 'number'));
  return (percent) => (percent === null || percent === undefined ? '' : fmtPercent(percent, digits.get(percent) ?? 1));
}
