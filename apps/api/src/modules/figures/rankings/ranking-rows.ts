import { meanScore, scoreFigure, type ScoringScheme, type UnitScore } from '@cchc/shared';
import { badRequest } from '../../../common/api-error';
import { NATIONAL_CODE } from '../../units/unit-trees';
import type { ReportStatus } from '../../reports/entities/report.entity';
import type { UnitScoreRow } from '../../rollups/entities/unit-score.entity';
import type { AdminUnit } from '../../units/entities/admin-unit.entity';
import type { RankingQueryDto } from './dto/ranking-query.dto';
import type { DomainRankDto, RankingResponseDto, RankingRowDto } from './dto/ranking-response.dto';

/** A ranking row before the rank change against the previous period is known. */
export type Row = Omit<RankingRowDto, 'previousRank' | 'rankChange'>;

/** One ranked row: a commune, or a unit whose score is the mean of its scored communes. */
export interface Group {
  unit: AdminUnit;
  communes: string[];
  /** A commune's district, when the ranked list spans several districts. */
  district: AdminUnit | null;
  /** Communes the row answers for, when more than it lists (a commune of today's tree expects every old commune linked to it). */
  expected?: number;
}

export interface CommuneScore {
  status: ReportStatus | 'missing';
  score: UnitScore | null;
}

export interface StoredList {
  units: AdminUnit[];
  districts: Map<string, AdminUnit | null>;
  /** Communes across districts are not siblings: their ranks are computed over the stored scores. */
  rankHere: boolean;
}

/** The national ranking's own "unit": the whole country, by the code national exports use. */
export const NATIONAL_REF: RankingResponseDto['unit'] = { code: NATIONAL_CODE, name: 'Toàn quốc', level: 'country' };

/**
 * The national list is of provinces only; the communes of the country are not ranked in one list.
 * Who may see it (administrators) is the access policy's answer for "national" (the guard).
 */
export function assertNational(q: RankingQueryDto & { tree?: string }): void {
  if ((q.scope ?? 'children') !== 'children') {
    throw badRequest('scope', 'Xếp hạng toàn quốc chỉ xếp các tỉnh (scope=children).', 'The national ranking lists provinces only (scope=children).');
  }
  if (q.tree !== undefined) {
    throw badRequest('tree', 'Xếp hạng toàn quốc dùng các tỉnh của cây đơn vị có hiệu lực vào cuối kỳ; không dùng tree.', 'The national ranking uses the provinces in force at the period end; tree does not apply.');
  }
}

export function ref(u: AdminUnit) {
  return { code: u.code, name: u.name, level: u.level };
}

/** A listed unit's row from its stored score (and, unless ranked here, its stored rank among its siblings). */
export function storedRow(u: AdminUnit, s: UnitScoreRow | undefined, district: AdminUnit | null, status: ReportStatus | undefined, expected: number, withRanks: boolean, scheme: ScoringScheme): Row {
  const scored = s && s.total !== null && s.max !== null ? s.scored : 0;
  const exp = s?.expected ?? expected;
  const total = s && scored > 0 ? scoreFigure(s.total as number, s.max as number) : null;
  return {
    rank: withRanks ? (s?.rank ?? null) : null,
    ranked: withRanks ? !!s?.ranked : false,
    belowCoverage: withRanks ? !!s?.belowCoverage : false,
    unit: ref(u),
    district: district ? ref(district) : null,
    status: u.level === 'commune' ? (status ?? 'missing') : scored === 0 ? 'none' : scored < exp ? 'partial' : 'complete',
    scored,
    expected: exp,
    coverage: s?.coverage ?? 0,
    total,
    domains: total
      ? scheme.domains.map((d): DomainRankDto => {
          const x = s!.domains.find((m) => m.code === d.code);
          return { code: d.code, ...scoreFigure(x?.points ?? 0, x?.max ?? 0), rank: withRanks ? (s!.domainRanks?.[d.code] ?? null) : null };
        })
      : [],
  };
}

export function communeRow(g: Group, s: CommuneScore | undefined): Row {
  const score = s?.score ?? null;
  return {
    rank: null,
    ranked: false,
    belowCoverage: false,
    unit: ref(g.unit),
    district: g.district ? ref(g.district) : null,
    status: s?.status ?? 'missing',
    scored: score ? 1 : 0,
    expected: 1,
    coverage: score ? 1 : 0,
    total: score ? scoreFigure(score.total, score.max) : null,
    domains: score ? score.domains.map((d): DomainRankDto => ({ code: d.code, ...scoreFigure(d.points, d.max), rank: null })) : [],
  };
}

/** A district (or province) scores the mean of its scored communes (shared meanScore), total and per domain. */
export function groupRow(g: Group, scores: Map<string, CommuneScore>, scheme: ScoringScheme): Row {
  const scored = g.communes.map((c) => scores.get(c)?.score).filter((s): s is UnitScore => !!s);
  const mean = meanScore(scheme, scored);
  const n = mean?.scored ?? 0;
  const expected = g.expected ?? g.communes.length;
  return {
    rank: null,
    ranked: false,
    belowCoverage: false,
    unit: ref(g.unit),
    district: null,
    status: n === 0 ? 'none' : n < expected ? 'partial' : 'complete',
    scored: n,
    expected,
    coverage: expected > 0 ? n / expected : 0,
    total: mean ? scoreFigure(mean.total, mean.max) : null,
    domains: mean ? mean.domains.map((d): DomainRankDto => ({ code: d.code, ...scoreFigure(d.points, d.max), rank: null })) : [],
  };
}
