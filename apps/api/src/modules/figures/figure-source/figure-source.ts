import type { IndicatorStats, ReportBasis, ReportValues, ScoringScheme, Template } from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import type { ReportStatus } from '../../reports/entities/report.entity';
import type { AdminUnit } from '../../units/entities/admin-unit.entity';
import type { HistoryBlockDto } from '../current-tree/dto/history-summary.dto';
import type { UnitHistoryResponseDto } from '../current-tree/dto/unit-history-response.dto';
import type { RankingBasis, RankingQueryDto, RankingScope } from '../rankings/dto/ranking-query.dto';
import type { RankingResponseDto } from '../rankings/dto/ranking-response.dto';
import type { Row } from '../rankings/ranking-rows';
import type { CoverageDto, RollupStateDto, SummaryResponseDto } from '../summaries/dto/summary-response.dto';

/**
 * Which tree the figures are read on: **reported** — each unit's figures as its tree reported them (the
 * rollups' stored summaries and scores, the communes' reports); **current** — an old period re-aggregated
 * onto a unit of today's tree through the lineage (approved reports only). One FigureSource per tree;
 * summaries, rankings and the pivot export read through whichever the request's `?tree=` chose.
 */
export type FigureTree = 'reported' | 'current';

/** Communes counted / expected. */
export interface FigureCoverage {
  reported: number;
  expected: number;
}

/** One unit's consolidated figures for a period, however they were obtained. */
export interface UnitFigures {
  code: string;
  name: string;
  level: AdminUnit['level'] | 'country';
  stats: ReadonlyMap<string, IndicatorStats>;
  /** Null while nothing has been rolled up for the unit. */
  coverage: FigureCoverage | null;
}

/** A commune listed with its own report (a value typed in, not a computed figure). */
export interface ReportFigures {
  code: string;
  name: string;
  level: AdminUnit['level'];
  status: ReportStatus | 'missing';
  counted: boolean;
  values: ReadonlyMap<string, number | null>;
}

export type ListedFigures = ({ kind: 'figures' } & UnitFigures) | ({ kind: 'report' } & ReportFigures);

/** What a summary shows of a unit, before it is laid out as the template tree. */
export interface SummaryFigures {
  unit: AdminUnit;
  period: string;
  template: Template;
  basis: SummaryResponseDto['basis'];
  stats: ReadonlyMap<string, IndicatorStats>;
  coverage: CoverageDto;
  rollup: RollupStateDto | null;
  /** The unit's own report beside the consolidation (none on today's tree: the unit did not exist then). */
  ownReport: { status: ReportStatus; counted: boolean; values: ReportValues } | null;
  /** Where the figures came from, when not from the unit's own tree. */
  history?: HistoryBlockDto;
}

/** A ranking's rows, for the period and (when the source compares) the previous one. */
export interface RankedFigures {
  unit: RankingResponseDto['unit'];
  period: string;
  previousPeriod: string | null;
  scope: RankingScope;
  basis: RankingBasis;
  scheme: ScoringScheme;
  rows: Row[];
  previous: Row[] | null;
}

/** A units × indicators listing: its labels, its pages of listed units, then the exported unit's own figures. */
export interface PivotFigures {
  /** The unit exported (null: the whole country). */
  unit: AdminUnit | null;
  periodId: string;
  scope: 'children' | 'communes';
  basis: ReportBasis;
  template: Template;
  /** How the listing is labelled: its title, the file name's tag, a credit line, the total row's name. */
  title: string;
  fileTag: string;
  attribution: string | null;
  totalName: string;
  pages(): AsyncIterable<ListedFigures[]>;
  total(): Promise<UnitFigures>;
}

export interface PivotRequest {
  scope?: 'children' | 'communes';
  basis?: ReportBasis;
}

export interface FigureSource {
  readonly tree: FigureTree;
  /** Figures the rollups stored (tagged, cached, revalidated; a ranking can be previewed under another scheme), or computed per request. */
  readonly stored: boolean;
  /**
   * A summary's tag after every check (access, level, period), or null when this source computes the
   * summary per request (nothing stored to revalidate against).
   */
  summaryTag(user: AuthUser, unitCode: string, periodId: string): Promise<{ unit: AdminUnit; etag: string | null }>;
  summary(user: AuthUser, unit: AdminUnit, periodId: string): Promise<SummaryFigures>;
  ranking(user: AuthUser, unitCode: string, periodId: string, q: RankingQueryDto): Promise<RankedFigures>;
  /** Every check (unit, subtree, period, basis) happens here, before the first row is read. */
  pivot(user: AuthUser, unitCode: string, periodId: string, q: PivotRequest): Promise<PivotFigures>;
  /** A unit with the old units it was formed from and their aggregate (GET /api/units/:code/history): today's tree only. */
  unitHistory(user: AuthUser, unitCode: string, periodId: string): Promise<UnitHistoryResponseDto>;
}
