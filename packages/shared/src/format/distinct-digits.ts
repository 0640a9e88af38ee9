import { formatVietnameseNumber } from './number';

/**
 * For each distinct value, the fewest decimals (from `min` up to `max`) at which it is written
 * differently from every other value: a ranking that shows "84,1%" three times for different
 * scores reads as unfair, while always writing 4 decimals buries the figures. Rounding keeps order,
 * so only neighbours in value order can be written alike; equal values always are.
 */
export function distinctDigits(values: readonly number[], min = 1, max = 4): Map<number, number> {
  const sorted = [...new Set(values.filter((v) => Number.isFinite(v)))].sort((a, b) => a - b);
  const digits = new Map<number, number>();
  sorted.forEach((v, i) => {
    const alike = (other: number | undefined, d: number) => other !== undefined && formatVietnameseNumber(other, d) === formatVietnameseNumber(v, d);
    let d = min;
    while (d < max && (alike(sorted[i - 1], d) || alike(sorted[i + 1], d))) d++;
    digits.set(v, d);
  });
  return digits;
}
