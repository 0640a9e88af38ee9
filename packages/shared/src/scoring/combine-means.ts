import type { MeanScore } from './mean-score';

/**
 * The mean over the union of disjoint groups, from each group's mean and size (each weighs by how
 * many it scored): a province's score from its districts' stored means equals meanScore over all
 * its communes, without reading them. Null when nothing is scored. Unrounded, like meanScore.
 */
export function combineMeanScores(parts: Array<MeanScore | null>): MeanScore | null {
  const have = parts.filter((p): p is MeanScore => !!p && p.scored > 0);
  const n = have.reduce((s, p) => s + p.scored, 0);
  if (n === 0) return null;
  const weighted = (f: (p: MeanScore) => number) => have.reduce((s, p) => s + f(p) * p.scored, 0) / n;
  const codes = [...new Set(have.flatMap((p) => p.domains.map((d) => d.code)))];
  return {
    scored: n,
    total: weighted((p) => p.total),
    max: weighted((p) => p.max),
    domains: codes.map((code) => {
      const pick = (p: MeanScore) => p.domains.find((d) => d.code === code);
      return { code, points: weighted((p) => pick(p)?.points ?? 0), max: weighted((p) => pick(p)?.max ?? 0) };
    }),
  };
}
