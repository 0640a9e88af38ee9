import type { MeanScore } from './mean-score';
import { rankUnits } from './score';
import type { ScoringScheme } from './types';

/** A displayed score: points and max rounded to 4 decimals; ranks compare these percents. */
export interface ScoreFigure {
  points: number;
  max: number;
  percent: number | null;
}

export interface DomainFigure extends ScoreFigure {
  code: string;
  rank: number | null;
}

/** What the ranking rule needs of a row; the API's ranking rows carry more. */
export interface RankableRow {
  unit: { code: string; level: string };
  total: ScoreFigure | null;
  domains: DomainFigure[];
  /** Share (0–1) of its communes a district/province has scored. */
  coverage: number;
  rank: number | null;
  ranked: boolean;
  belowCoverage: boolean;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The one rounding rule for a displayed score: ties in the shown figure share the rank. */
export function scoreFigure(points: number, max: number): ScoreFigure {
  return { points: round4(points), max: round4(max), percent: max > 0 ? round4((points / max) * 100) : null };
}

/** A row's score fields from a (mean) score; null when nothing was scored. */
export function scoreFields(scheme: ScoringScheme, mean: MeanScore | null): { total: ScoreFigure | null; domains: DomainFigure[] } {
  if (!mean) return { total: null, domains: [] };
  return {
    total: scoreFigure(mean.total, mean.max),
    domains: scheme.domains.map((d) => {
      const x = mean.domains.find((m) => m.code === d.code);
      return { code: d.code, ...scoreFigure(x?.points ?? 0, x?.max ?? 0), rank: null };
    }),
  };
}

/**
 * The ranking rule among siblings (sets rank, ranked, belowCoverage and the domain ranks, in place).
 * A commune is ranked when scored; a district or province only when it scored at least
 * `minCoverage` of its communes, so a unit is not ranked on a few good communes. Equal displayed
 * figures share a rank (1, 2, 2, 4). Returns the list's order: the ranked by rank, then those below
 * the coverage (by score), then the unscored — ties and the rest by unit code.
 */
export function rankRows<R extends RankableRow>(
  scheme: Pick<ScoringScheme, 'domains'>,
  rows: R[],
  minCoverage: number,
  /** Which rows the threshold applies to: groups of communes by default (a commune on today's tree re-scored from old ones is one too). */
  needsCoverage: (row: R) => boolean = (r) => r.unit.level !== 'commune',
): R[] {
  for (const r of rows) {
    r.ranked = r.total !== null && (!needsCoverage(r) || r.coverage >= minCoverage - 1e-9);
    r.belowCoverage = r.total !== null && !r.ranked;
  }
  for (const d of scheme.domains) {
    const ranked = rankUnits(rows.map((r) => ({ unitCode: r.unit.code, score: r.ranked ? (r.domains.find((x) => x.code === d.code)?.percent ?? null) : null })));
    const byUnit = new Map(ranked.map((x) => [x.unitCode, x.rank]));
    for (const r of rows) {
      const dom = r.domains.find((x) => x.code === d.code);
      if (dom) dom.rank = byUnit.get(r.unit.code) ?? null;
    }
  }
  const ranked = rankUnits(rows.map((r) => ({ unitCode: r.unit.code, score: r.ranked ? (r.total?.percent ?? null) : null })));
  const byCode = new Map(rows.map((r) => [r.unit.code, r]));
  for (const x of ranked) byCode.get(x.unitCode)!.rank = x.rank;
  return orderRows(rows);
}

/** The list's order from ranks already set (stored or just computed). */
export function orderRows<R extends RankableRow>(rows: R[]): R[] {
  const byCode = new Map(rows.map((r) => [r.unit.code, r]));
  // rankUnits sorts by score descending, ties by code: a negated rank orders by rank, ties by code.
  const ranked = rankUnits(rows.filter((r) => r.rank !== null).map((r) => ({ unitCode: r.unit.code, score: -(r.rank as number) })));
  const below = rankUnits(rows.filter((r) => r.rank === null && r.belowCoverage).map((r) => ({ unitCode: r.unit.code, score: r.total?.percent ?? null })));
  const rest = rankUnits(rows.filter((r) => r.rank === null && !r.belowCoverage).map((r) => ({ unitCode: r.unit.code, score: null })));
  return [...ranked, ...below, ...rest].map((x) => byCode.get(x.unitCode)!);
}
