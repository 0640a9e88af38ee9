import { valueNodes } from '../template/registry';
import type { ReportValues, Template } from '../template/types';
import { statsFromValues } from './aggregate';
import type { IndicatorStats } from './types';

/** One edge of a reorganisation: an old commune (or part of it) went into a new unit. */
export interface LineageEdgeInput {
  oldCode: string;
  newCode: string;
  /** The old commune was divided among several new units. */
  split: boolean;
  /** Fraction that went this way when the source says; null when it does not. */
  share: number | null;
}

/** The counted values of one old commune's report in the old period (approved, say). */
export interface OldReportValues {
  code: string;
  values: ReportValues;
}

export type NotPlacedReason = 'unmatched' | 'split_without_share' | 'split';

export interface PredecessorCoverage {
  code: string;
  reported: boolean;
  placed: boolean;
  split: boolean;
  share: number | null;
}

export interface ReaggregatedUnit {
  newCode: string;
  /** Composable stats over the placed predecessors only: combine them like any other unit's stats. */
  stats: Record<string, IndicatorStats>;
  coverage: {
    /** Old communes linked to this unit. */
    expected: number;
    /** Of those, the ones with a report in the old period. */
    reported: number;
    /** Of those, the ones counted in `stats`. */
    placed: number;
  };
  predecessors: PredecessorCoverage[];
  /** Predecessors that reported but are not in `stats`, and why. */
  notPlaced: Array<{ code: string; reason: NotPlacedReason; share: number | null }>;
}

export interface ReaggregationResult {
  units: Record<string, ReaggregatedUnit>;
  /** Old reports with no edge at all (the lineage source could not match the commune): shown, never guessed. */
  unplaced: Array<{ code: string; reason: 'unmatched' }>;
}

/**
 * An old period's figures on today's tree. An old commune that went whole into one new unit is counted
 * there in full. A split commune is never placed: its figures are not divisible by a known rule (a share
 * of area or population says nothing about where its dossiers or meetings were), and counting it whole in
 * each part would count it twice. With or without a share it is listed in `notPlaced` (the share shown),
 * so a reader sees exactly what is missing. An old report with no edge at all is listed in `unplaced`.
 * `onlyNewCodes` limits the output to the units asked for.
 */
export function reaggregateOntoCurrent(
  template: Template,
  edges: LineageEdgeInput[],
  reports: OldReportValues[],
  onlyNewCodes?: string[],
): ReaggregationResult {
  const byOld = new Map<string, OldReportValues>();
  for (const r of reports) {
    if (byOld.has(r.code)) throw new Error(`reaggregateOntoCurrent: two reports for ${r.code}`);
    byOld.set(r.code, r);
  }
  const wanted = onlyNewCodes ? new Set(onlyNewCodes) : null;
  const edgesByNew = new Map<string, LineageEdgeInput[]>();
  const linked = new Set<string>();
  for (const e of edges) {
    linked.add(e.oldCode);
    if (wanted && !wanted.has(e.newCode)) continue;
    const list = edgesByNew.get(e.newCode) ?? [];
    list.push(e);
    edgesByNew.set(e.newCode, list);
  }
  const nodes = valueNodes(template);
  const units: Record<string, ReaggregatedUnit> = {};
  for (const [newCode, list] of edgesByNew) {
    const predecessors: PredecessorCoverage[] = [];
    const notPlaced: ReaggregatedUnit['notPlaced'] = [];
    const placedValues: ReportValues[] = [];
    const seen = new Set<string>();
    for (const e of [...list].sort((a, b) => a.oldCode.localeCompare(b.oldCode))) {
      if (seen.has(e.oldCode)) continue; // a duplicated edge must not count a commune twice
      seen.add(e.oldCode);
      const report = byOld.get(e.oldCode);
      const placed = !!report && !e.split;
      predecessors.push({ code: e.oldCode, reported: !!report, placed, split: e.split, share: e.share });
      if (placed) placedValues.push(report.values);
      else if (report) notPlaced.push({ code: e.oldCode, reason: e.share === null ? 'split_without_share' : 'split', share: e.share });
    }
    const stats: Record<string, IndicatorStats> = {};
    for (const node of nodes) {
      stats[node.code] = statsFromValues(
        node,
        placedValues.map((v) => ({ value: v[node.code], weight: node.weightCode ? v[node.weightCode] : undefined })),
      );
    }
    units[newCode] = {
      newCode,
      stats,
      coverage: { expected: predecessors.length, reported: predecessors.filter((p) => p.reported).length, placed: placedValues.length },
      predecessors,
      notPlaced,
    };
  }
  const unplaced = reports
    .filter((r) => !linked.has(r.code))
    .map((r) => ({ code: r.code, reason: 'unmatched' as const }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { units, unplaced };
}
