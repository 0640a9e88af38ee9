import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  combineStats,
  isCounted,
  type ReportBasis,
  summarize,
  valueNodes,
  type IndicatorNode,
  type IndicatorStats,
  type Template,
  type CoverageStatus,
  type SubmissionStatus,
} from '@cchc/shared';
import { AdminUnit } from '../../units/entities/admin-unit.entity';
import { optionColumns, type OptionColumn } from './pivot-options';
import { ReportReader, type ReportPageEntry } from '../../reports/report.reader';
import { Summary, statsFromSummary } from '../../rollups/entities/summary.entity';
import { SummaryCoverage } from '../../rollups/entities/summary-coverage.entity';

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



/** Units per page: a page (200 reports × ~80 values) is what the export holds at once; small pages die young and keep the heap flat. */
export const PAGE_SIZE = 200;

/**
 * Produces the rows of a pivot (units × indicators) page by page, keyset-paginated on the unit
 * path, so an export of the whole country never holds more than one page in memory. Commune rows
 * carry their report's values; rows of higher units carry their rollup's headline figures.
 */
@Injectable()
export class PivotDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportReader,
  ) {}

  /** The exported template is the period's; columns are what communes report, which is what summaries aggregate. */
  plan(unit: AdminUnit | null, periodId: string, template: Template, scope: ExportScope, basis: ExportBasis): PivotPlan {
    const columns = valueNodes(template, 'commune');
    return {
      unit,
      title: unit ? unit.name : 'Toàn quốc',
      periodId,
      scope,
      basis,
      template,
      columns,
      options: optionColumns(columns),
    };
  }

  /** Rows in path order (a province's communes grouped by district), one page at a time. */
  async *rows(plan: PivotPlan): AsyncGenerator<PivotRow[]> {
    let after = '';
    for (;;) {
      const page = await this.unitPage(plan, after);
      if (page.length === 0) return;
      yield await this.rowsFor(plan, page);
      after = page[page.length - 1].path;
      if (page.length < PAGE_SIZE) return;
    }
  }

  private unitPage(plan: PivotPlan, after: string): Promise<AdminUnit[]> {
    const qb = this.dataSource.getRepository(AdminUnit).createQueryBuilder('u').where('u.path > :after', { after });
    const { unit, scope } = plan;
    // A unit's rows come from its own tree: with both trees loaded, 46's children are either the old districts or the new communes.
    if (unit) qb.andWhere('u.tree = :tree', { tree: unit.tree });
    if (unit && unit.level === 'commune') {
      qb.andWhere('u.code = :code', { code: unit.code });
    } else if (scope === 'communes') {
      qb.andWhere("u.level = 'commune'");
      if (unit) qb.andWhere('u.path LIKE :prefix', { prefix: `${unit.path}%` });
    } else if (unit) {
      qb.andWhere('u.parentCode = :code', { code: unit.code });
    } else {
      qb.andWhere('u.parentCode IS NULL');
    }
    return qb.orderBy('u.path', 'ASC').take(PAGE_SIZE).getMany();
  }

  private async rowsFor(plan: PivotPlan, units: AdminUnit[]): Promise<PivotRow[]> {
    const communes = units.filter((u) => u.level === 'commune').map((u) => u.code);
    const others = units.filter((u) => u.level !== 'commune').map((u) => u.code);
    const [reports, summaries] = await Promise.all([
      this.reportValues(communes, plan.periodId, plan.basis),
      this.summaries(others, plan.periodId),
    ]);
    return units.map((u) => {
      if (u.level === 'commune') {
        const r = reports.get(u.code);
        const counted = !!r && isCounted(plan.basis, r.status);
        return {
          code: u.code,
          name: u.name,
          level: u.level,
          status: r ? r.status : 'missing',
          reported: counted ? 1 : 0,
          expected: 1,
          values: [
            ...plan.columns.map((c) => (counted ? (r.values.get(c.code) ?? null) : null)),
            ...plan.options.map((o) => {
              const v = counted ? (r.values.get(o.indicator.code) ?? null) : null;
              return v === null ? null : v === o.value ? 1 : 0;
            }),
          ],
        };
      }
      const s = summaries.get(u.code);
      return this.summaryRow(plan, u.code, u.name, u.level, s?.stats ?? new Map<string, IndicatorStats>(), s?.coverage ?? null);
    });
  }

  /** The bottom row: the exported unit's own rollup, or for the whole country the provinces' rollups combined. */
  async totalRow(plan: PivotPlan): Promise<PivotRow> {
    const name = `Tổng hợp: ${plan.title}`;
    if (plan.unit) {
      const s = (await this.summaries([plan.unit.code], plan.periodId)).get(plan.unit.code);
      return this.summaryRow(plan, '', name, plan.unit.level, s?.stats ?? new Map<string, IndicatorStats>(), s?.coverage ?? null);
    }
    const provinces = await this.dataSource.getRepository(AdminUnit).find({ where: { level: 'province' }, select: { code: true } });
    const all = await this.summaries(
      provinces.map((p) => p.code),
      plan.periodId,
    );
    const stats = new Map<string, IndicatorStats>();
    let reported = 0;
    let expected = 0;
    let rolled = false;
    for (const s of all.values()) {
      for (const [code, st] of s.stats) {
        const cur = stats.get(code);
        stats.set(code, cur ? combineStats(cur, st) : st);
      }
      if (s.coverage) {
        rolled = true;
        reported += s.coverage.reported;
        expected += s.coverage.expected;
      }
    }
    const coverage = rolled ? ({ reported, expected } as SummaryCoverage) : null;
    return this.summaryRow(plan, '', name, 'country', stats, coverage);
  }

  private summaryRow(
    plan: PivotPlan,
    code: string,
    name: string,
    level: PivotRow['level'],
    stats: Map<string, IndicatorStats>,
    coverage: Pick<SummaryCoverage, 'reported' | 'expected'> | null,
  ): PivotRow {
    let status: RowStatus = 'not_rolled_up';
    if (coverage) status = coverage.reported === 0 ? 'none' : coverage.reported < coverage.expected ? 'partial' : 'complete';
    return {
      code,
      name,
      level,
      status,
      summary: true,
      reported: coverage?.reported ?? null,
      expected: coverage?.expected ?? null,
      // A choice's headline is null (its figure is a distribution), so its cell stays blank.
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

  /** Reports of a page of communes and their values (ReportReader.pageValues: two queries whatever the page size). */
  reportValues(unitCodes: string[], periodId: string, basis: ExportBasis): Promise<Map<string, ReportPageEntry>> {
    return this.reports.pageValues(unitCodes, periodId, (status) => isCounted(basis, status));
  }

  private async summaries(
    unitCodes: string[],
    periodId: string,
  ): Promise<Map<string, { stats: Map<string, IndicatorStats>; coverage: SummaryCoverage | null }>> {
    const out = new Map<string, { stats: Map<string, IndicatorStats>; coverage: SummaryCoverage | null }>();
    if (unitCodes.length === 0) return out;
    const [rows, coverage] = await Promise.all([
      this.dataSource.getRepository(Summary).find({ where: { unitCode: In(unitCodes), periodId } }),
      this.dataSource.getRepository(SummaryCoverage).find({ where: { unitCode: In(unitCodes), periodId } }),
    ]);
    const entry = (code: string) => {
      let e = out.get(code);
      if (!e) out.set(code, (e = { stats: new Map(), coverage: null }));
      return e;
    };
    for (const c of coverage) entry(c.unitCode).coverage = c;
    for (const s of rows) entry(s.unitCode).stats.set(s.indicatorCode, statsFromSummary(s));
    return out;
  }
}

