import { fmtPercent } from '../../lib/format';

const MAX_DIGITS = 4;

/**
 * How each score is written: with 1 decimal, or as many more (up to 4) as it takes to differ from the
 * scores next to it. "84,1%" three times beside ranks 3 and 4 reads as an unfair ranking. The API
 * ranks on the percentage rounded to 4 decimals, so units sharing a rank have the same percentage
 * and are written alike. Rounding keeps order, so only neighbours in score order can look alike.
 */
export function scoreFormatter(rows: { total: { percent: number | null } | null }[]): (percent: number | null | undefined) => string {
  const sorted = [...new Set(rows.map((r) => r.total?.percent).filter((p): p is number => typeof p === 'number'))].sort((a, b) => a - b);
  const digits = new Map<number, number>();
  sorted.forEach((p, i) => {
    let d = 1;
    const clashes = (q: number | undefined) => q !== undefined && fmtPercent(q, d) === fmtPercent(p, d);
    while (d < MAX_DIGITS && (clashes(sorted[i - 1]) || clashes(sorted[i + 1]))) d++;
    digits.set(p, d);
  });
  return (percent) => (percent === null || percent === undefined ? '' : fmtPercent(percent, digits.get(percent) ?? 1));
}
