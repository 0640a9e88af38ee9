import { valueNodes } from '../template/registry';
import type { ReportValues, Template, UnitLevel } from '../template/types';
import { mergeStatsInto, statsFromValues } from './aggregate';
import type { IndicatorStats } from './types';

/** A direct child of the unit being summarised. */
export interface SummaryChild {
  code: string;
  level: UnitLevel;
}

/** One counted report of a commune child (its values may be empty: it still counts as reported). */
export interface CommuneReportValues {
  unitCode: string;
  values: ReportValues;
}

/** What a non-commune child's own summary covers. A child with no summary yet has reported 0. */
export interface ChildCoverage {
  unitCode: string;
  expected: number;
  reported: number;
}

/** Stats as stored: option counts only for yes/no and choice indicators. */
export type StoredStats = Omit<IndicatorStats, 'optionCounts'> & { optionCounts: Record<string, number> | null };

export interface ComposedCoverage {
  /** Communes in the subtree, and how many of them are counted. */
  expected: number;
  reported: number;
  childrenExpected: number;
  childrenReported: number;
  /** Direct children with nothing counted, in the order given. */
  missingChildren: string[];
}

export interface ComposedSummary {
  /** One entry per value indicator that has at least one counted value. */
  stats: StoredStats[];
  coverage: ComposedCoverage;
}

/**
 * A unit's summary from its sources: the counted reports of its commune children (statsFromValues)
 * combined with the stored stats of its other children (mergeStatsInto), and the coverage composed
 * the same way. Pure, so a district built here equals one built from any split of its communes.
 *
 * Every level files its own report. For a row communes do not report (4.1.x, 5.x, 6.x for districts),
 * a non-commune child whose level reports it and whose own summary has no consolidation of it from below
 * contributes its OWN counted report (`ownReports`); rows communes report stay the consolidation of
 * communes (docs/indicators.md). One source per child and row, so nothing is counted twice.
 */
export function composeSummary(
  template: Template,
  children: SummaryChild[],
  communeValues: CommuneReportValues[],
  childStats: Array<IndicatorStats & { unitCode?: string }>,
  childCoverage: ChildCoverage[],
  ownReports: CommuneReportValues[] = [],
): ComposedSummary {
  const levelOf = new Map(children.map((c) => [c.code, c.level]));
  const own = new Map(ownReports.map((r) => [r.unitCode, r.values]));
  const byCode = new Map<string, Array<IndicatorStats & { unitCode?: string }>>();
  for (const s of childStats) {
    const list = byCode.get(s.code);
    if (list) list.push(s);
    else byCode.set(s.code, [s]);
  }
  const values = communeValues.map((r) => r.values);

  const stats: StoredStats[] = [];
  for (const node of valueNodes(template)) {
    // Built here, so merged into in place (mergeStatsInto): the children's rows are left as they are.
    const s = statsFromValues(
      node,
      values.map((r) => ({ value: r[node.code], weight: node.weightCode ? r[node.weightCode] : undefined })),
    );
    const childRows = byCode.get(node.code) ?? [];
    for (const c of childRows) mergeStatsInto(s, c);
    const levels = node.levels ?? [];
    if (!levels.includes('commune')) {
      // A row its communes do not report: a child with no consolidation of it from below answers with its own report.
      const consolidated = new Set(childRows.map((c) => c.unitCode));
      const fromOwn = [...own.keys()].filter((code) => !consolidated.has(code) && levels.includes(levelOf.get(code) as UnitLevel));
      if (fromOwn.length > 0) {
        mergeStatsInto(
          s,
          statsFromValues(
            node,
            fromOwn.map((code) => {
              const r = own.get(code)!;
              return { value: r[node.code], weight: node.weightCode ? r[node.weightCode] : undefined };
            }),
          ),
        );
      }
    }
    if (s.count === 0) continue; // no row = nothing reported
    const categorical = node.valueType === 'yesno' || node.valueType === 'choice';
    stats.push({ ...s, optionCounts: categorical ? s.optionCounts : null });
  }

  const reportedCommunes = new Set(communeValues.map((r) => r.unitCode));
  const coverageOf = new Map(childCoverage.map((c) => [c.unitCode, c]));
  const communeKids = children.filter((c) => c.level === 'commune');
  const missingChildren = children
    .filter((c) => (c.level === 'commune' ? !reportedCommunes.has(c.code) : !(coverageOf.get(c.code)?.reported ?? 0)))
    .map((c) => c.code);
  const groupCoverage = children.filter((c) => c.level !== 'commune').map((c) => coverageOf.get(c.code));
  return {
    stats,
    coverage: {
      expected: communeKids.length + groupCoverage.reduce((n, c) => n + (c?.expected ?? 0), 0),
      reported:
        communeKids.filter((c) => reportedCommunes.has(c.code)).length + groupCoverage.reduce((n, c) => n + (c?.reported ?? 0), 0),
      childrenExpected: children.length,
      childrenReported: children.length - missingChildren.length,
      missingChildren,
    },
  };
}
