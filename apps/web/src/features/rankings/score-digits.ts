import { fmtPercent } from '../../lib/format';

interface Ranked {
  rank: number | null;
  total: { percent: number | null } | null;
}

/**
 * The fewest decimals (1–4) at which units of different rank never show the same score: "84,1%"
 * beside ranks 3 and 4 reads as an unfair tie. Units sharing a rank have equal figures (the API
 * ranks on the percentage rounded to 4 decimals), so they show the same one at any precision.
 */
export function scoreDigits(rows: Ranked[]): number {
  const scored = rows.filter((r): r is Ranked & { rank: number; total: { percent: number } } => r.rank !== null && r.total?.percent != null);
  for (let digits = 1; digits < 4; digits++) {
    const rankOf = new Map<string, number>();
    const clash = scored.some((r) => {
      const shown = fmtPercent(r.total.percent, digits);
      const other = rankOf.get(shown);
      rankOf.set(shown, r.rank);
      return other !== undefined && other !== r.rank;
    });
    if (!clash) return digits;
  }
  return 4;
}
