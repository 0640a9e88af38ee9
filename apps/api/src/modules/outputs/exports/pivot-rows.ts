import { summarize, valueNodes, type CoverageStatus, type IndicatorNode, type ReportBasis, type SubmissionStatus, type Template } from '@cchc/shared';
import type { ListedFigures, PivotFigures, UnitFigures } from '../../figures/figure-source/figure-source';
import type { AdminUnit } from '../../units/entities/admin-unit.entity';
import { optionColumns, type OptionColumn } from './pivot-options';

/** Which commune reports' values a pivot shows: approved only, submitted too, or every report (drafts included). */
export type ExportBasis = ReportBasis;
export type ExportScope = 'children' | 'communes';

/** The national export has no unit of its own: "VN" stands for the whole country (administrators only). */
export { NATIONAL_CODE } from '../../units/unit-trees';

export type RowStatus = SubmissionStatus | CoverageStatus;

export interface PivotRow {
  code: string;
  name: string;
  level: AdminUnit['level'] | 'country';
  status: RowStatus;
  /** Communes counted / expected (1/1 or 0/1 for a commune). Null when no rollup exists yet. */
  reported: number | null;
  expected: number | null;
  /** One per column, in column order; null is blank. */
  values: Array<number | null>;
  /** Figures computed by the rollup (sums, means, shares), not values someone typed in. */
  summary?: boolean;
}

export interface PivotPlan {
  /** The unit exported (null for the whole country). */
  unit: AdminUnit | null;
  title: string;
  periodId: string;
  scope: ExportScope;
  basis: ExportBasis;
  template: Template;
  columns: IndicatorNode[];
  /** After the indicator columns: each choice option's count of units. */
  options: OptionColumn[];
}

/** The columns are what communes report, which is what summaries aggregate, in the version the figures were reported with. */
export function pivotPlan(f: Pick<PivotFigures, 'unit' | 'title' | 'periodId' | 'scope' | 'basis' | 'template'>): PivotPlan {
  const columns = valueNodes(f.template, 'commune');
  return { unit: f.unit, title: f.title, periodId: f.periodId, scope: f.scope, basis: f.basis, template: f.template, columns, options: optionColumns(columns) };
}

/** A listed unit's row: a commune's report as typed (blank unless counted), or a unit's computed figures. */
export function listedRow(plan: PivotPlan, l: ListedFigures): PivotRow {
  if (l.kind === 'figures') return figuresRow(plan, l);
  const v = (code: string) => (l.counted ? (l.values.get(code) ?? null) : null);
  return {
    code: l.code,
    name: l.name,
    level: l.level,
    status: l.status,
    reported: l.counted ? 1 : 0,
    expected: 1,
    values: [
      ...plan.columns.map((c) => v(c.code)),
      ...plan.options.map((o) => {
        const x = v(o.indicator.code);
        return x === null ? null : x === o.value ? 1 : 0;
      }),
    ],
  };
}

/** A row of computed figures: each column's headline (a choice's is null: its figure is a distribution, in the option columns). */
export function figuresRow(plan: PivotPlan, f: UnitFigures): PivotRow {
  const { coverage, stats } = f;
  let status: RowStatus = 'not_rolled_up';
  if (coverage) status = coverage.reported === 0 ? 'none' : coverage.reported < coverage.expected ? 'partial' : 'complete';
  return {
    code: f.code,
    name: f.name,
    level: f.level,
    status,
    summary: true,
    reported: coverage?.reported ?? null,
    expected: coverage?.expected ?? null,
    values: [
      ...plan.columns.map((c) => {
        const st = stats.get(c.code);
        return st ? summarize(c, st).headline : null;
      }),
      ...plan.options.map((o) => {
        const st = stats.get(o.indicator.code);
        return st && st.count > 0 ? (st.optionCounts[String(o.value)] ?? 0) : null;
      }),
    ],
  };
}
