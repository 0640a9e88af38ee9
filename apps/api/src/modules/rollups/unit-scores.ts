import { DataSource, EntityManager, In } from 'typeorm';
import { combineMeanScores, rankRows, scoreFields, scoreFigure, scoreTotals, type MeanScore, type RankableRow, type ReportValues, type ScoringScheme, type Template } from '@cchc/shared';
import type { AdminUnit } from '../units/entities/admin-unit.entity';

import { numberOrNull } from '../../database/columns';
import { insertRows } from '../../database/insert-rows';
import { selectWhereIn } from '../../database/select-rows';
import { UnitScoreRow } from './entities/unit-score.entity';

type Db = DataSource | EntityManager;

export interface CountedCommuneReport {
  unitCode: string;
  templateVersion: string;
  values: ReportValues;
}

/** The stored scores of some units for one period. */
export async function readUnitScores(db: Db, periodId: string, unitCodes: string[]): Promise<UnitScoreRow[]> {
  if (unitCodes.length === 0) return [];
  const out: UnitScoreRow[] = [];
  for (let i = 0; i < unitCodes.length; i += 1000) {
    out.push(...(await db.getRepository(UnitScoreRow).find({ where: { periodId, unitCode: In(unitCodes.slice(i, i + 1000)) } })));
  }
  return out;
}

/** What a parent's pass needs of a child's stored score: its mean and how many communes it expects. */
export type ChildScore = Pick<UnitScoreRow, 'unitCode' | 'total' | 'max' | 'scored' | 'domains' | 'expected'>;

/** Those columns of some units' stored scores, as raw rows (no entities: a province pass reads one per district). */
export async function readChildScores(db: Db, periodId: string, unitCodes: string[]): Promise<ChildScore[]> {
  type Row = { unit_code: string; total: unknown; max: unknown; scored: unknown; domains: unknown; expected: unknown };
  const rows = await selectWhereIn<Row>(db, 'unit_scores', ['unit_code', 'total', 'max', 'scored', 'domains', 'expected'], { period_id: periodId }, 'unit_code', unitCodes);
  return rows.map((r) => ({
    unitCode: r.unit_code,
    total: numberOrNull.from(r.total) as number | null,
    max: numberOrNull.from(r.max) as number | null,
    scored: Number(r.scored),
    domains: typeof r.domains === 'string' ? (JSON.parse(r.domains) as UnitScoreRow['domains']) : [],
    expected: Number(r.expected),
  }));
}

export function meanOfRow(r: Pick<UnitScoreRow, 'total' | 'max' | 'scored' | 'domains'>): MeanScore | null {
  if (r.total === null || r.max === null || r.scored === 0) return null;
  return { scored: r.scored, total: r.total, max: r.max, domains: r.domains };
}

export interface ScoredPass {
  /** The unit's own score columns (its rank columns are its parent's to write). */
  own: UnitScoreRow;
  /** Each direct child's row with its rank among the siblings (commune children also with their score). */
  children: UnitScoreRow[];
}

/**
 * A pass's scores: each commune child scored from its counted report (shared scoreTotals), each other
 * child's stored mean, the unit's own mean over all its communes (shared combineMeanScores of those),
 * and the children ranked among themselves (rankRows).
 */
export function scorePass(args: {
  scheme: ScoringScheme;
  /** The period's template: every report of a period is made with it. */
  template: Template;
  basis: 'approved' | 'submitted';
  unit: AdminUnit;
  periodId: string;
  children: AdminUnit[];
  communeReports: CountedCommuneReport[];
  childRows: ChildScore[];
  /** Communes expected under each non-commune child (from the composed coverage). */
  childExpected: Map<string, number>;
  expected: number;
  minCoverage: number;
  now: Date;
}): ScoredPass {
  const { scheme, basis, unit, periodId, now } = args;
  const reports = new Map(args.communeReports.map((r) => [r.unitCode, r]));
  const stored = new Map(args.childRows.map((r) => [r.unitCode, r]));
  const means = new Map<string, { mean: MeanScore | null; expected: number }>();
  for (const c of args.children) {
    if (c.level === 'commune') {
      const r = reports.get(c.code);
      // Only the points are stored: scoreTotals skips the criteria's reasons (most of scoreReport's time).
      const s = r && scheme.domains.length > 0 ? scoreTotals(scheme, args.template, r.values, 'commune') : null;
      means.set(c.code, { mean: s ? { scored: 1, total: s.total, max: s.max, domains: s.domains.map((d) => ({ code: d.code, points: d.points, max: d.max })) } : null, expected: 1 });
    } else {
      const row = stored.get(c.code);
      means.set(c.code, { mean: row ? meanOfRow(row) : null, expected: row?.expected ?? args.childExpected.get(c.code) ?? 0 });
    }
  }
  const rows: Array<RankableRow & { scored: number; expected: number }> = args.children.map((c) => {
    const m = means.get(c.code)!;
    const scored = m.mean?.scored ?? 0;
    return {
      rank: null,
      ranked: false,
      belowCoverage: false,
      unit: { code: c.code, level: c.level },
      scored,
      expected: m.expected,
      coverage: m.expected > 0 ? scored / m.expected : 0,
      ...scoreFields(scheme, m.mean),
    };
  });
  rankRows(scheme, rows, args.minCoverage);
  const rowOf = (code: string, parentCode: string | null, m: MeanScore | null, expected: number): UnitScoreRow =>
    Object.assign(new UnitScoreRow(), {
      unitCode: code,
      periodId,
      parentCode,
      schemeVersion: scheme.version,
      basis,
      total: m ? m.total : null,
      max: m ? m.max : null,
      percent: m ? scoreFigure(m.total, m.max).percent : null,
      domains: m ? m.domains.map((d) => ({ code: d.code, points: d.points, max: d.max })) : [],
      scored: m?.scored ?? 0,
      expected,
      coverage: expected > 0 ? (m?.scored ?? 0) / expected : 0,
      rank: null,
      ranked: false,
      belowCoverage: false,
      domainRanks: null,
      computedAt: now,
    });
  const children = rows.map((r) => {
    const m = means.get(r.unit.code)!;
    return Object.assign(rowOf(r.unit.code, unit.code, m.mean, m.expected), {
      rank: r.rank,
      ranked: r.ranked,
      belowCoverage: r.belowCoverage,
      domainRanks: Object.fromEntries(r.domains.map((d) => [d.code, d.rank])),
    });
  });
  const own = rowOf(unit.code, unit.parentCode, combineMeanScores([...means.values()].map((m) => m.mean)), args.expected);
  return { own, children };
}

const SCORE_COLUMNS = ['parent_code', 'scheme_version', 'basis', 'total', 'max', 'percent', 'domains', 'scored', 'expected', 'coverage', 'computed_at'];
const RANK_COLUMNS = ['rank', 'ranked', 'below_coverage', 'domain_ranks'];

/**
 * Writes the scores of one or more passes (siblings in a batch) in the caller's transaction: each unit's
 * own score columns, each commune child's whole row (its score is this pass's), and only the rank
 * columns of the other children (their scores are their own passes'). Rows of all the passes go into
 * the same multi-row statements: per unit they were ~3 statements, most of a batch's write time.
 * Ranks are UPDATEs of existing rows, never inserts: an insert's duplicate-key check takes gap locks
 * even under READ COMMITTED, which would cross the locks of a child's pass writing next to them. A
 * child without a row has no score, so no rank to lose.
 */
export async function writeUnitScores(em: EntityManager, passes: Array<{ scores: ScoredPass; childLevels: Map<string, string> }>): Promise<void> {
  const own = passes.map((p) => p.scores.own);
  const communes = passes.flatMap((p) => p.scores.children.filter((c) => p.childLevels.get(c.unitCode) === 'commune'));
  const groups = passes.flatMap((p) => p.scores.children.filter((c) => p.childLevels.get(c.unitCode) !== 'commune'));
  const key = ['unit_code', 'period_id'];
  await insertRows(em, UnitScoreRow, own, 300, { key, update: SCORE_COLUMNS });
  await insertRows(em, UnitScoreRow, communes, 300, { key, update: [...SCORE_COLUMNS, ...RANK_COLUMNS] });
  for (let i = 0; i < groups.length; i += 300) await updateRanks(em, groups.slice(i, i + 300));
}

/** One UPDATE … CASE for the rank columns of some existing rows of one period. */
async function updateRanks(em: EntityManager, rows: UnitScoreRow[]): Promise<void> {
  if (rows.length === 0) return;
  const esc = (c: string) => em.connection.driver.escape(c);
  const params: unknown[] = [];
  const caseOf = (col: string, value: (r: UnitScoreRow) => unknown) => {
    const parts = rows.map((r) => {
      params.push(r.unitCode, value(r));
      return 'WHEN ? THEN ?';
    });
    return `${esc(col)} = CASE ${esc('unit_code')} ${parts.join(' ')} END`;
  };
  const sets = [
    caseOf('rank', (r) => r.rank),
    caseOf('ranked', (r) => (r.ranked ? 1 : 0)),
    caseOf('below_coverage', (r) => (r.belowCoverage ? 1 : 0)),
    caseOf('domain_ranks', (r) => JSON.stringify(r.domainRanks)),
  ];
  params.push(rows[0].periodId, ...rows.map((r) => r.unitCode));
  await em.query(
    `UPDATE ${esc('unit_scores')} SET ${sets.join(', ')} WHERE ${esc('period_id')} = ? AND ${esc('unit_code')} IN (${rows.map(() => '?').join(', ')})`,
    params,
  );
}
