import { formatVietnameseNumber, roundScore, SCORE_DECIMALS } from '@cchc/shared';

/**
 * How a ranking's score is written: always SCORE_DECIMALS decimals (81,10 %), rounded as the API
 * ranks (shared roundScore), so units shown alike share a rank and units of different rank never look alike.
 */
export function fmtScore(percent: number | null | undefined): string {
  return percent === null || percent === undefined ? '' : `${formatVietnameseNumber(roundScore(percent), SCORE_DECIMALS, SCORE_DECIMALS)}%`;
}

/** Points or a maximum, with the same rule. */
export function fmtPoints(points: number | null | undefined): string {
  return points === null || points === undefined ? '' : formatVietnameseNumber(roundScore(points), SCORE_DECIMALS, SCORE_DECIMALS);
}
