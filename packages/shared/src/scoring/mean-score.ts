import type { ScoringScheme, UnitScore } from './types';

export interface MeanScore {
  /** How many scores went into the mean. */
  scored: number;
  total: number;
  max: number;
  domains: Array<{ code: string; points: number; max: number }>;
}

/**
 * A district's (or province's) score: the mean of its scored communes' scores, total and per domain
 * of the scheme (a commune without the domain adds 0 of 0). Null with nothing scored — no score is not 0.
 * Unrounded; the caller rounds what it shows.
 */
export function meanScore(scheme: ScoringScheme, scores: UnitScore[]): MeanScore | null {
  const n = scores.length;
  if (n === 0) return null;
  const mean = (f: (s: UnitScore) => number) => scores.reduce((acc, s) => acc + f(s), 0) / n;
  return {
    scored: n,
    total: mean((s) => s.total),
    max: mean((s) => s.max),
    domains: scheme.domains.map((d) => {
      const pick = (s: UnitScore) => s.domains.find((x) => x.code === d.code);
      return { code: d.code, points: mean((s) => pick(s)?.points ?? 0), max: mean((s) => pick(s)?.max ?? 0) };
    }),
  };
}
