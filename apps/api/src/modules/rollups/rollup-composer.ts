import { composeSummary, type ChildCoverage, type CommuneReportValues, type ComposedSummary, type IndicatorStats, type ScoringScheme, type Template } from '@cchc/shared';
import type { AppConfig } from '../../config/app-config';
import type { UnitFamily } from '../units/units.service';
import { scorePass, type ChildScore, type ScoredPass } from './unit-scores';

/** A unit's composed pass, ready to write. */
export interface UnitPass {
  unitCode: string;
  seq: number;
  parentCode: string | null;
  composed: ComposedSummary;
  scores: ScoredPass;
  childLevels: Map<string, string>;
}

/** Everything a batch of passes read, for all its units at once; each unit takes its children's part. */
export interface PassSources {
  communeValues: Array<CommuneReportValues & { templateVersion: string }>;
  childStats: Array<IndicatorStats & { unitCode: string }>;
  childCoverage: ChildCoverage[];
  childScores: ChildScore[];
  /** Districts' (provinces') own reports: the rows only their level reports. */
  ownReports: Array<CommuneReportValues & { templateVersion: string }>;
}

/**
 * Composes one unit's summary and scores from a batch's sources with the shared rules (composeSummary,
 * scorePass). No I/O, so the same function serves a single approval and a national recompute.
 * Throws, naming the unit, when a report is on another template version than its period: composing it
 * with another version's rules would be silently wrong.
 */
export function composeUnitPass(
  family: UnitFamily,
  seq: number,
  periodId: string,
  rules: { template: Template; scheme: ScoringScheme; basis: AppConfig['rollupBasis']; minCoverage: number },
  src: PassSources,
  now: Date,
): UnitPass {
  const { template, scheme, basis, minCoverage } = rules;
  const { unit } = family;
  const mine = new Set(family.children.map((c) => c.code));
  const ofMine = <T extends { unitCode: string }>(rows: T[]) => rows.filter((r) => mine.has(r.unitCode));
  const coverage = ofMine(src.childCoverage);
  const communeReports = ofMine(src.communeValues);
  const own = ofMine(src.ownReports);
  const foreign = [...communeReports, ...own].find((r) => r.templateVersion !== template.version);
  if (foreign) throw new Error(`report of ${foreign.unitCode} is on template ${foreign.templateVersion}, its period on ${template.version}`);
  const composed = composeSummary(
    template,
    family.children.map((c) => ({ code: c.code, level: c.level })),
    communeReports,
    ofMine(src.childStats),
    coverage,
    own,
  );
  // Scores from the same sources, so a stored score is never older or newer than its summary.
  const scores = scorePass({
    scheme,
    template,
    basis,
    unit,
    periodId,
    children: family.children,
    communeReports,
    childRows: ofMine(src.childScores),
    childExpected: new Map(coverage.map((c) => [c.unitCode, c.expected])),
    expected: composed.coverage.expected,
    minCoverage,
    now,
  });
  return { unitCode: unit.code, seq, parentCode: unit.parentCode, composed, scores, childLevels: new Map(family.children.map((c) => [c.code, c.level])) };
}
