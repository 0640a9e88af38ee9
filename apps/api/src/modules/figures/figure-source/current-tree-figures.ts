import { scoreReport, summarize, valueNodes, type IndicatorStats, type IndicatorSummary, type ReportValues, type ScoringScheme, type Template } from '@cchc/shared';
import { LINEAGE_ATTRIBUTION } from '../../lineage/lineage-attribution';
import type { CurrentTreeHistory, UnitHistory } from '../current-tree/current-tree-history.service';
import type { HistoryBlockDto } from '../current-tree/dto/history-summary.dto';
import type { UnitHistoryResponseDto } from '../current-tree/dto/unit-history-response.dto';
import type { Period } from '../../periods/entities/period.entity';
import type { AdminUnit } from '../../units/entities/admin-unit.entity';
import type { CommuneScore, Group } from '../rankings/ranking-rows';
import type { CoverageDto } from '../summaries/dto/summary-response.dto';
import type { UnitFigures } from './figure-source';

/**
 * The pure half of the current-tree source: a lineage re-aggregation (CurrentTreeHistory) read as the
 * figures every consumer takes. Old communes placed / linked stand where a rollup's counted / expected would.
 */

/** One unit of today's tree as listed figures: its predecessors' aggregate, placed / linked old communes. */
export function historyFigures(u: UnitHistory, name = u.unit.name, code = u.unit.code): UnitFigures {
  return {
    code,
    name,
    level: u.unit.level,
    stats: new Map<string, IndicatorStats>(Object.entries(u.stats)),
    coverage: { reported: u.coverage.placed, expected: u.coverage.expected },
  };
}

/**
 * The summary's coverage on today's tree: a commune's "children" are its predecessors (missing: those not
 * placed), a province's are its communes (missing: those with no old commune placed). Never stale: nothing
 * is owed to a re-aggregation of closed reports.
 */
export function historyCoverage(h: Pick<CurrentTreeHistory, 'self' | 'communes'>): CoverageDto {
  const isCommune = h.self.unit.level === 'commune';
  const children = isCommune ? h.self.predecessors : h.communes;
  const missing = isCommune
    ? h.self.predecessors.filter((p) => !p.placed).map((p) => ({ code: p.code, name: p.name }))
    : h.communes.filter((c) => c.coverage.placed === 0).map((c) => ({ code: c.unit.code, name: c.unit.name }));
  return {
    expected: h.self.coverage.expected,
    reported: h.self.coverage.placed,
    childrenExpected: children.length,
    childrenReported: children.length - missing.length,
    missing,
    asOf: null,
    stale: false,
  };
}

export function historyBlock(h: Pick<CurrentTreeHistory, 'period' | 'self'>): HistoryBlockDto {
  return {
    tree: 'current',
    period: h.period.id,
    basis: 'approved',
    coverage: h.self.coverage,
    predecessors: h.self.predecessors,
    notPlaced: h.self.notPlaced,
    attribution: LINEAGE_ATTRIBUTION.text,
    attributionVi: LINEAGE_ATTRIBUTION.textVi,
  };
}

/**
 * Today's communes as ranking groups: a new commune stands for its placed predecessors, the way a district
 * stands for its communes, and expects every old commune linked to it (so one with predecessors not placed
 * is ranked only at the coverage threshold).
 */
export function historyGroups(h: Pick<CurrentTreeHistory, 'communes'>): Group[] {
  return h.communes.map((c) => ({
    unit: c.unit,
    communes: c.predecessors.filter((p) => p.placed).map((p) => p.code),
    district: null,
    expected: c.coverage.expected,
  }));
}

/** Each old report scored with the old period's scheme and template: a score is a property of one report, so the aggregate is never scored. */
export function historyScores(scheme: ScoringScheme, template: Template, oldReports: Array<{ code: string; values: ReportValues }>): Map<string, CommuneScore> {
  return new Map(oldReports.map((r) => [r.code, { status: 'approved', score: scoreReport(scheme, template, r.values, 'commune') }]));
}

/**
 * GET /api/units/:code/history: one commune of today's tree with the old communes it was formed from, each
 * described as the lineage endpoint describes it. `h` null: a unit that no old commune is linked to (the
 * lineage links communes, so a province has none of its own; its communes' aggregate is its summary's
 * `?tree=current`).
 */
export function unitHistoryView(unit: AdminUnit, period: Period, h: Pick<CurrentTreeHistory, 'template' | 'self' | 'oldUnits' | 'edges'> | null): UnitHistoryResponseDto {
  const indicators: Record<string, IndicatorSummary> = {};
  if (h) {
    for (const node of valueNodes(h.template)) {
      const stats = h.self.stats[node.code];
      if (stats) indicators[node.code] = summarize(node, stats);
    }
  }
  const edges = new Map((h?.edges ?? []).filter((e) => e.newCode === unit.code).map((e) => [e.oldCode, e]));
  return {
    unit: { code: unit.code, name: unit.name, level: unit.level, tree: unit.tree, validFrom: unit.validFrom, validTo: unit.validTo },
    period: { id: period.id, startDate: period.startDate, endDate: period.endDate },
    basis: 'approved',
    coverage: h?.self.coverage ?? { expected: 0, reported: 0, placed: 0 },
    predecessors: (h?.self.predecessors ?? []).flatMap((p) => {
      const u = h?.oldUnits.get(p.code);
      if (!u) return [];
      const e = edges.get(p.code);
      return [{ code: u.code, name: u.name, level: u.level, tree: u.tree, validFrom: u.validFrom, validTo: u.validTo, path: u.path, split: p.split, share: e?.share ?? null, reported: p.reported, placed: p.placed }];
    }),
    notPlaced: (h?.self.notPlaced ?? []).map((n) => ({ code: n.code, reason: n.reason, share: n.share })),
    indicators,
    attribution: LINEAGE_ATTRIBUTION,
  };
}
