import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { periodLabel, type CommuneReportValues, type ReportValues } from '@cchc/shared';
import { notFound } from '../../common/api-error';
import { isMysql } from '../../database/write-transaction';
import { Period } from '../periods/entities/period.entity';
import { Report, ReportStatus } from './entities/report.entity';
import { ReportValue } from './entities/report-value.entity';
import { loadReportValues } from './report.store';

type Db = DataSource | EntityManager;

/** One report of an export page: its state and its values (blank values as null; only counted reports' values). */
export interface ReportPageEntry {
  id: number;
  status: ReportStatus;
  version: number;
  values: Map<string, number | null>;
}

/** A report's identity and state, without its values or texts. */
export type ReportHead = Pick<Report, 'id' | 'unitCode' | 'periodId' | 'status' | 'version' | 'templateVersion'>;

const CHUNK = 500;
/** Between the packed values of a report (ASCII record separator). */
const SEP = '\u001e';

/** The one "no report" answer (404 on `period`), worded the same wherever a report is looked up. */
export function noReport(unit: { name: string }, periodId: string): Error {
  return notFound(`${unit.name} chưa có báo cáo kỳ ${periodLabel(periodId)}.`, `${unit.name} has no report for ${periodLabel(periodId, 'en')}.`, 'period');
}

/**
 * How every other module reads reports: the reports module is their only writer and, through this,
 * their only reader, so a change to how reports are stored stays inside it. Each read takes an
 * optional `db` so a rollup pass can read on its own connection or transaction.
 */
@Injectable()
export class ReportReader {
  constructor(private readonly dataSource: DataSource) {}

  /** A unit's report of a period (the row, no values), or null. */
  find(unitCode: string, periodId: string, db: Db = this.dataSource): Promise<Report | null> {
    return db.getRepository(Report).findOne({ where: { unitCode, periodId } });
  }

  /** A unit's report of a period, or the one 404. */
  async getOrThrow(unit: { code: string; name: string }, periodId: string, db: Db = this.dataSource): Promise<Report> {
    const report = await this.find(unit.code, periodId, db);
    if (!report) throw noReport(unit, periodId);
    return report;
  }

  /** Values by report id (non-blank values only). */
  values(reportIds: number[], db: Db = this.dataSource): Promise<Map<number, ReportValues>> {
    return loadReportValues(db, reportIds);
  }

  /** One report's values with their notes, as the officer entered them. */
  async valuesWithNotes(reportId: number, db: Db = this.dataSource): Promise<Map<string, { value: number | null; note: string | null }>> {
    const rows = await db.getRepository(ReportValue).find({ where: { reportId } });
    return new Map(rows.map((r) => [r.indicatorCode, { value: r.value, note: r.note }]));
  }

  /**
   * The counted reports of some units for one period with their non-blank values, in one query
   * (a join, not reports-then-values: this runs on every pass of every district). A counted report
   * without values is still returned: its unit counts as reported. The template version goes with the
   * values: a report is read by its own template.
   */
  async countedValues(
    periodId: string,
    unitCodes: string[],
    statuses: readonly ReportStatus[],
    db: Db = this.dataSource,
  ): Promise<Array<CommuneReportValues & { templateVersion: string }>> {
    if (unitCodes.length === 0) return [];
    if (isMysql(db)) {
      const packed = await this.countedValuesPacked(periodId, unitCodes, statuses, db);
      if (packed) return packed;
    }
    const rows = await db
      .getRepository(Report)
      .createQueryBuilder('r')
      .leftJoin(ReportValue, 'v', 'v.reportId = r.id AND v.value IS NOT NULL')
      .select('r.id', 'r')
      .addSelect('r.unitCode', 'u')
      .addSelect('r.templateVersion', 't')
      .addSelect('v.indicatorCode', 'c')
      .addSelect('v.value', 'v')
      .where('r.periodId = :periodId', { periodId })
      .andWhere('r.status IN (:...statuses)', { statuses })
      .andWhere('r.unitCode IN (:...codes)', { codes: unitCodes })
      .getRawMany<{ r: number; u: string; t: string; c: string | null; v: number | string | null }>();
    const byReport = new Map<number, { unitCode: string; templateVersion: string; values: ReportValues }>();
    for (const row of rows) {
      const id = Number(row.r);
      let report = byReport.get(id);
      if (!report) byReport.set(id, (report = { unitCode: row.u, templateVersion: row.t, values: {} }));
      if (row.c !== null && row.v !== null) report.values[row.c] = Number(row.v);
    }
    return [...byReport.values()];
  }

  /**
   * countedValues on MySQL with one row per report, its values packed by GROUP_CONCAT: a national
   * recompute reads ~800,000 values, and a row per value (and its mapping) was most of the worker's
   * reading time. CONCAT writes a DOUBLE with all the digits it needs, so each value parses back to the
   * stored one. Null when a list came back cut short (a server with a small group_concat_max_len):
   * the caller reads row by row instead.
   */
  private async countedValuesPacked(
    periodId: string,
    unitCodes: string[],
    statuses: readonly ReportStatus[],
    db: Db,
  ): Promise<Array<CommuneReportValues & { templateVersion: string }> | null> {
    const rows = await db.query<Array<{ u: string; t: string; n: number | string; s: string | null }>>(
      `SELECT r.unit_code AS u, r.template_version AS t, COUNT(v.value) AS n, GROUP_CONCAT(v.value, '=', v.indicator_code SEPARATOR '${SEP}') AS s
       FROM reports r LEFT JOIN report_values v ON v.report_id = r.id AND v.value IS NOT NULL
       WHERE r.period_id = ? AND r.status IN (${statuses.map(() => '?').join(', ')}) AND r.unit_code IN (${unitCodes.map(() => '?').join(', ')})
       GROUP BY r.id, r.unit_code, r.template_version`,
      [periodId, ...statuses, ...unitCodes],
    );
    const out: Array<CommuneReportValues & { templateVersion: string }> = [];
    for (const row of rows) {
      const values: ReportValues = {};
      let n = 0;
      if (row.s) {
        for (const pair of row.s.split(SEP)) {
          // The value first: a number has no '=', a template's code might.
          const at = pair.indexOf('=');
          values[pair.slice(at + 1)] = Number(pair.slice(0, at));
          n++;
        }
      }
      // Cut short, or a code holding the separator: row by row instead.
      if (n !== Number(row.n)) return null;
      out.push({ unitCode: row.u, templateVersion: row.t, values });
    }
    return out;
  }

  /**
   * A unit's own report for one period (a district's or province's own rows), its values only when
   * `counted` says the basis counts its status: a draft is not a figure to show beside a consolidation.
   */
  async ownReport(
    unitCode: string,
    periodId: string,
    counted: readonly ReportStatus[],
    db: Db = this.dataSource,
  ): Promise<{ status: ReportStatus; version: number; counted: boolean; values: ReportValues } | null> {
    const report = await db.getRepository(Report).findOne({ where: { unitCode, periodId }, select: { id: true, status: true, version: true } });
    if (!report) return null;
    const isCounted = counted.includes(report.status);
    const values = isCounted ? ((await loadReportValues(db, [report.id])).get(report.id) ?? {}) : {};
    return { status: report.status, version: report.version, counted: isCounted, values };
  }

  /** Where a unit's own report stands (status and version, one indexed read): part of its summary's tag. */
  async ownReportState(unitCode: string, periodId: string, db: Db = this.dataSource): Promise<[ReportStatus, number] | null> {
    const report = await db.getRepository(Report).findOne({ where: { unitCode, periodId }, select: { id: true, status: true, version: true } });
    return report ? [report.status, report.version] : null;
  }

  /** The approved reports of the period among these unit codes, with their values (only approved reports count in history). */
  async approved(periodId: string, unitCodes: string[], db: Db = this.dataSource): Promise<Array<{ code: string; templateVersion: string; values: ReportValues }>> {
    const reports: Array<Pick<Report, 'id' | 'unitCode' | 'templateVersion'>> = [];
    for (let i = 0; i < unitCodes.length; i += CHUNK) {
      reports.push(
        ...(await db.getRepository(Report).find({
          where: { periodId, status: 'approved', unitCode: In(unitCodes.slice(i, i + CHUNK)) },
          select: { id: true, unitCode: true, templateVersion: true },
        })),
      );
    }
    const values = await loadReportValues(db, reports.map((r) => r.id));
    return reports.map((r) => ({ code: r.unitCode, templateVersion: r.templateVersion, values: values.get(r.id) ?? {} }));
  }

  /**
   * Where the reports of some units stand for one period or several (no values, no narrative), optionally of
   * some statuses; ordered by period.
   */
  async ofUnits(periodId: string | string[], unitCodes: string[], statuses?: readonly ReportStatus[], db: Db = this.dataSource): Promise<ReportHead[]> {
    const out: ReportHead[] = [];
    const periods = typeof periodId === 'string' ? periodId : In(periodId);
    for (let i = 0; i < unitCodes.length; i += CHUNK) {
      const where = { periodId: periods, unitCode: In(unitCodes.slice(i, i + CHUNK)), ...(statuses ? { status: In([...statuses]) } : {}) };
      out.push(
        ...(await db.getRepository(Report).find({
          where,
          select: { id: true, unitCode: true, periodId: true, status: true, version: true, templateVersion: true },
          order: { periodId: 'ASC' },
        })),
      );
    }
    return out;
  }

  /**
   * How many reports of a subtree (by path) are in each status per period, and with `withVersions` the sum
   * of their versions and the latest change: part of an ETag over reads that list report statuses.
   */
  async statusFingerprint(path: string, periodIds: string[], withVersions: boolean, db: Db = this.dataSource): Promise<unknown[]> {
    const qb = db
      .getRepository(Report)
      .createQueryBuilder('r')
      .select('r.periodId', 'p')
      .addSelect('r.status', 's')
      .addSelect('COUNT(*)', 'n')
      .where('r.periodId IN (:...periodIds)', { periodIds })
      .andWhere('r.unitPath LIKE :p', { p: `${path}%` })
      .groupBy('r.periodId')
      .addGroupBy('r.status')
      .orderBy('r.periodId')
      .addOrderBy('r.status');
    if (withVersions) qb.addSelect('SUM(r.version)', 'v').addSelect('MAX(r.updatedAt)', 't');
    const rows = await qb.getRawMany<{ p: string; s: string; n: number | string; v?: number | string; t?: unknown }>();
    return rows.map((r) => [r.p, r.s, Number(r.n), Number(r.v ?? 0), r.t instanceof Date ? r.t.toISOString() : typeof r.t === 'string' || typeof r.t === 'number' ? String(r.t) : '']);
  }

  /**
   * Reports of a page of units and, for those `counted` says count, their values: two queries whatever the
   * page size, raw rows rather than entities (a national export reads ~800,000 values and should leave
   * little garbage behind).
   */
  async pageValues(unitCodes: string[], periodId: string, counted: (status: ReportStatus) => boolean, db: Db = this.dataSource): Promise<Map<string, ReportPageEntry>> {
    const out = new Map<string, ReportPageEntry>();
    if (unitCodes.length === 0) return out;
    const reports = await db
      .getRepository(Report)
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .addSelect('r.unitCode', 'unitCode')
      .addSelect('r.status', 'status')
      .addSelect('r.version', 'version')
      .where('r.unitCode IN (:...codes)', { codes: unitCodes })
      .andWhere('r.periodId = :periodId', { periodId })
      .getRawMany<{ id: number | string; unitCode: string; status: ReportStatus; version: number | string }>();
    const byId = new Map<number, Map<string, number | null>>();
    for (const r of reports) {
      const values = new Map<string, number | null>();
      out.set(r.unitCode, { id: Number(r.id), status: r.status, version: Number(r.version), values });
      if (counted(r.status)) byId.set(Number(r.id), values);
    }
    if (byId.size > 0) {
      const rows = await db
        .getRepository(ReportValue)
        .createQueryBuilder('v')
        .select('v.reportId', 'reportId')
        .addSelect('v.indicatorCode', 'code')
        .addSelect('v.value', 'value')
        .where('v.reportId IN (:...ids)', { ids: [...byId.keys()] })
        .getRawMany<{ reportId: number | string; code: string; value: number | string | null }>();
      for (const v of rows) byId.get(Number(v.reportId))?.set(v.code, v.value === null ? null : Number(v.value));
    }
    return out;
  }

  /** How many reports each period whose deadline is on or after `since` (YYYY-MM-DD) has in each status (metrics). */
  async countsByStatus(since: string, db: Db = this.dataSource): Promise<Array<{ period: string; status: string; n: number }>> {
    const rows = await db
      .getRepository(Report)
      .createQueryBuilder('r')
      .innerJoin(Period, 'p', 'p.id = r.periodId')
      .select('r.periodId', 'period')
      .addSelect('r.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('p.deadline >= :since', { since })
      .groupBy('r.periodId')
      .addGroupBy('r.status')
      .getRawMany<{ period: string; status: string; n: string | number }>();
    return rows.map((r) => ({ period: r.period, status: r.status, n: Number(r.n) }));
  }
}
