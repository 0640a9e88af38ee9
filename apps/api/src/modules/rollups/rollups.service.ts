import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  CURRENT_TEMPLATE_VERSION,
  IndicatorStats,
  ReportValues,
  Template,
  combineStats,
  countedStatuses,
  getTemplate,
  statsFromValues,
  valueNodes,
} from '@cchc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Report } from '../reports/entities/report.entity';
import { ReportValue } from '../reports/entities/report-value.entity';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { RollupState } from './entities/rollup-state.entity';
import { SummaryCoverage } from './entities/summary-coverage.entity';
import { Summary, statsFromSummary } from './entities/summary.entity';
import { RollupOutboxService } from './rollup-outbox.service';

/** A rollup that keeps being re-dirtied hands over to the follow-up job instead of spinning. */
const MAX_PASSES = 10;
const FAMILY_TTL_MS = 60_000;
/** BullMQ priority of a parent's job requested by a finished child rollup (unprioritised jobs go first). */
const PARENT_PRIORITY = 10;

export interface RollupPassResult {
  /** False when a newer pass had already written this unit (ours was dropped). */
  written: boolean;
  /** requested_seq moved past the seq this pass computed: another pass is owed. */
  dirty: boolean;
  parentCode: string | null;
}

/** The statuses whose reports a summary counts (ROLLUP_BASIS): the shared basis rule. */
export { countedStatuses };

/**
 * Recomputes a unit's summary for one period from its sources: the counted reports of its commune
 * children (through the shared statsFromValues, so the aggregation rules exist once) combined with
 * the stored stats of its non-commune children (shared combineStats, exact and composable).
 *
 * Concurrency: the pass reads requested_seq (S) first, then the sources (each read sees every change
 * committed with a seq ≤ S, because a change and its seq bump commit together). It writes under a
 * row lock on rollup_state and only if no pass with a newer S has written already, so two workers
 * on one unit never interleave and a slow, older pass never overwrites a newer result.
 */
@Injectable()
export class RollupsService {
  private readonly logger = new Logger('Rollups');
  private readonly families = new Map<string, { at: number; value: { unit: AdminUnit; children: AdminUnit[] } }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: RollupOutboxService,
  ) {}

  /** A unit and its children, cached briefly: the tree changes only when an administrator reloads it. */
  private async family(code: string): Promise<{ unit: AdminUnit; children: AdminUnit[] } | null> {
    const hit = this.families.get(code);
    if (hit && hit.at > Date.now() - FAMILY_TTL_MS) return hit.value;
    const repo = this.dataSource.getRepository(AdminUnit);
    const unit = await repo.findOne({ where: { code } });
    // By path prefix (indexed), not parent_code (not indexed).
    const children = unit
      ? await repo
          .createQueryBuilder('u')
          .where('u.path LIKE :p AND u.depth = :d', { p: `${unit.path}%`, d: unit.depth + 1 })
          .orderBy('u.code', 'ASC')
          .getMany()
      : [];
    const value = unit ? { unit, children } : null;
    if (this.families.size > 5000) this.families.clear();
    if (value) this.families.set(code, { at: Date.now(), value });
    return value;
  }

  get basis(): AppConfig['rollupBasis'] {
    return this.config.rollupBasis;
  }

  template(): Template {
    return getTemplate(CURRENT_TEMPLATE_VERSION)!;
  }

  /** Runs passes until the unit is clean (the job body). */
  async run(unitCode: string, periodId: string): Promise<void> {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const r = await this.rollupOnce(unitCode, periodId);
      // Behind the jobs that approvals asked for: a parent runs once its children are done, not once per child.
      if (r.parentCode && r.written) await this.outbox.kick(r.parentCode, periodId, { priority: PARENT_PRIORITY });
      if (!r.dirty) return;
    }
    // Still being changed: the follow-up job queued by the producer (or the reconciler) continues.
    this.logger.warn(`rollup ${unitCode}/${periodId} still dirty after ${MAX_PASSES} passes`);
  }

  async rollupOnce(unitCode: string, periodId: string): Promise<RollupPassResult> {
    const ds = this.dataSource;
    const [family, state] = await Promise.all([
      this.family(unitCode),
      ds.getRepository(RollupState).findOne({ where: { unitCode, periodId } }),
    ]);
    const seq = state?.requestedSeq ?? 0;
    // Every change to the sources bumps requested_seq, so nothing new since the last write = nothing to do.
    if (state && state.doneSeq >= state.requestedSeq) {
      return { written: false, dirty: false, parentCode: null };
    }
    const unit = family?.unit;
    if (!unit || unit.level === 'commune') {
      // Nothing to aggregate (a commune's "summary" is its report): just settle the request.
      await this.settle(ds.manager, unitCode, periodId, seq);
      return { written: false, dirty: false, parentCode: null };
    }
    const children = family.children;
    const communeKids = children.filter((c) => c.level === 'commune');
    const groupKids = children.filter((c) => c.level !== 'commune');
    const groupCodes = groupKids.map((c) => c.code);
    const template = this.template();

    // The sources, read after S (see the class comment): commune children's counted reports with their
    // values in one query, and the stored stats and coverage of the other children.
    const [rows, childSummaries, childCoverage] = await Promise.all([
      communeKids.length
        ? ds
            .getRepository(Report)
            .createQueryBuilder('r')
            .leftJoin(ReportValue, 'v', 'v.reportId = r.id AND v.value IS NOT NULL')
            .select('r.id', 'r')
            .addSelect('r.unitCode', 'u')
            .addSelect('v.indicatorCode', 'c')
            .addSelect('v.value', 'v')
            .where('r.periodId = :periodId', { periodId })
            .andWhere('r.status IN (:...statuses)', { statuses: countedStatuses(this.basis) })
            .andWhere('r.unitCode IN (:...codes)', { codes: communeKids.map((c) => c.code) })
            .getRawMany<{ r: number; u: string; c: string | null; v: number | string | null }>()
        : Promise.resolve([]),
      groupCodes.length ? ds.getRepository(Summary).find({ where: { periodId, unitCode: In(groupCodes) } }) : Promise.resolve([]),
      groupCodes.length ? ds.getRepository(SummaryCoverage).find({ where: { periodId, unitCode: In(groupCodes) } }) : Promise.resolve([]),
    ]);
    const byReport = new Map<number, ReportValues>();
    const reportedCommunes = new Set<string>();
    for (const row of rows) {
      const id = Number(row.r);
      let values = byReport.get(id);
      if (!values) {
        values = {};
        byReport.set(id, values);
        reportedCommunes.add(row.u);
      }
      if (row.c !== null && row.v !== null) values[row.c] = Number(row.v);
    }
    const values = [...byReport.values()];

    const childStats = new Map<string, IndicatorStats[]>();
    for (const row of childSummaries) {
      const list = childStats.get(row.indicatorCode);
      if (list) list.push(statsFromSummary(row));
      else childStats.set(row.indicatorCode, [statsFromSummary(row)]);
    }

    const summaries: Summary[] = [];
    for (const node of valueNodes(template)) {
      let stats = statsFromValues(
        node,
        values.map((r) => ({ value: r[node.code], weight: node.weightCode ? r[node.weightCode] : undefined })),
      );
      for (const s of childStats.get(node.code) ?? []) stats = combineStats(stats, s);
      if (stats.count === 0) continue; // no row = nothing reported
      const categorical = node.valueType === 'yesno' || node.valueType === 'choice';
      summaries.push(
        Object.assign(new Summary(), {
          unitCode,
          periodId,
          indicatorCode: node.code,
          count: stats.count,
          sum: stats.sum,
          min: stats.min,
          max: stats.max,
          weightedSum: stats.weightedSum,
          weightSum: stats.weightSum,
          optionCounts: categorical ? stats.optionCounts : null,
        }),
      );
    }

    // Coverage: what the stats above include, composed the same way.
    const coverageByChild = new Map(childCoverage.map((c) => [c.unitCode, c]));
    const missingGroupKids = groupKids.filter((g) => !coverageByChild.has(g.code));
    const expectedOfUncovered = missingGroupKids.length ? await this.countCommunesUnder(missingGroupKids) : 0;
    const missing = children
      .filter((c) => (c.level === 'commune' ? !reportedCommunes.has(c.code) : !(coverageByChild.get(c.code)?.reported ?? 0)))
      .map((c) => c.code);
    const coverage = Object.assign(new SummaryCoverage(), {
      unitCode,
      periodId,
      expected: communeKids.length + childCoverage.reduce((n, c) => n + c.expected, 0) + expectedOfUncovered,
      reported: reportedCommunes.size + childCoverage.reduce((n, c) => n + c.reported, 0),
      childrenExpected: children.length,
      childrenReported: children.length - missing.length,
      missingChildren: missing,
      basis: this.basis,
      asOf: new Date(),
    });

    return this.write(unitCode, periodId, seq, unit.parentCode, summaries, coverage);
  }

  private async write(
    unitCode: string,
    periodId: string,
    seq: number,
    parentCode: string | null,
    summaries: Summary[],
    coverage: SummaryCoverage,
  ): Promise<RollupPassResult> {
    const mysql = this.dataSource.options.type !== 'better-sqlite3';
    const work = async (em: EntityManager): Promise<RollupPassResult> => {
      const qb = em
        .getRepository(RollupState)
        .createQueryBuilder('s')
        .where('s.unitCode = :unitCode AND s.periodId = :periodId', { unitCode, periodId });
      // SQLite has one writer at a time; MySQL needs the row lock.
      const current = await (mysql ? qb.setLock('pessimistic_write') : qb).getOne();
      if (current && current.doneSeq > seq) {
        return { written: false, dirty: current.requestedSeq > current.doneSeq, parentCode };
      }
      await em.delete(Summary, { unitCode, periodId });
      // Plain multi-row INSERT: TypeORM's entity insert costs more CPU than the database work here.
      for (let i = 0; i < summaries.length; i += 500) {
        const chunk = summaries.slice(i, i + 500);
        await em.query(
          `INSERT INTO summaries (unit_code, period_id, indicator_code, count, sum, min, max, weighted_sum, weight_sum, option_counts) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((r) => [r.unitCode, r.periodId, r.indicatorCode, r.count, r.sum, r.min, r.max, r.weightedSum, r.weightSum, r.optionCounts ? JSON.stringify(r.optionCounts) : null]),
        );
      }
      await em.delete(SummaryCoverage, { unitCode, periodId });
      await em.insert(SummaryCoverage, coverage);
      const dirty = await this.settle(em, unitCode, periodId, seq, current);
      if (parentCode) await this.outbox.markStale(em, parentCode, periodId);
      return { written: true, dirty, parentCode };
    };
    // READ COMMITTED: no gap locks, so sibling districts replacing their rows side by side don't deadlock.
    return mysql ? this.dataSource.transaction('READ COMMITTED', work) : this.dataSource.transaction(work);
  }

  /** Records that the inputs up to `seq` are in the summary; returns whether newer requests wait. */
  private async settle(em: EntityManager, unitCode: string, periodId: string, seq: number, current?: RollupState | null): Promise<boolean> {
    const now = new Date();
    const row = current === undefined ? await em.findOne(RollupState, { where: { unitCode, periodId } }) : current;
    if (!row) {
      // A job nobody asked for through the outbox (a manual or benchmark run): start the bookkeeping.
      await em
        .insert(RollupState, { unitCode, periodId, requestedSeq: seq, doneSeq: seq, dirty: false, requestedAt: now, doneAt: now, failures: 0, lastError: null })
        .catch(() => undefined);
      return false;
    }
    await em
      .createQueryBuilder()
      .update(RollupState)
      .set({
        doneSeq: seq,
        dirty: () => `CASE WHEN requested_seq > ${Number(seq)} THEN 1 ELSE 0 END`,
        doneAt: now,
        failures: 0,
        lastError: null,
      })
      .where('unit_code = :unitCode AND period_id = :periodId AND done_seq <= :seq', { unitCode, periodId, seq })
      .execute();
    if (current) return current.requestedSeq > seq; // read under our row lock (SQLite: single writer)
    const after = await em.findOne(RollupState, { where: { unitCode, periodId } });
    return !!after && after.requestedSeq > after.doneSeq;
  }

  private async countCommunesUnder(units: AdminUnit[]): Promise<number> {
    const qb = this.dataSource.getRepository(AdminUnit).createQueryBuilder('u').where("u.level = 'commune'");
    qb.andWhere(`(${units.map((_, i) => `u.path LIKE :p${i}`).join(' OR ')})`, Object.fromEntries(units.map((u, i) => [`p${i}`, `${u.path}%`])));
    return qb.getCount();
  }

  /** A failed attempt stays visible (health, summaries) until a pass succeeds; the row stays dirty. */
  async recordFailure(unitCode: string, periodId: string, error: Error): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(RollupState)
      .set({ failures: () => 'failures + 1', lastError: error.message.slice(0, 2000) })
      .where('unit_code = :unitCode AND period_id = :periodId', { unitCode, periodId })
      .execute();
  }

  /** Rows whose summary is owed: dirty since before `olderThan` (fresh ones have their job in flight). */
  async owed(olderThan: Date, limit = 5000): Promise<Array<{ unitCode: string; periodId: string }>> {
    const rows = await this.dataSource
      .getRepository(RollupState)
      .createQueryBuilder('s')
      .select(['s.unitCode', 's.periodId'])
      .where('s.dirty = :d', { d: true })
      .andWhere('(s.requestedAt < :t OR s.failures > 0)', { t: olderThan })
      .orderBy('s.requestedAt', 'ASC')
      .take(limit)
      .getMany();
    return rows.map((r) => ({ unitCode: r.unitCode, periodId: r.periodId }));
  }

  async backlog(): Promise<{ dirty: number; failed: number }> {
    const repo = this.dataSource.getRepository(RollupState);
    const [dirty, failed] = await Promise.all([
      repo.count({ where: { dirty: true } }),
      repo.createQueryBuilder('s').where('s.failures > 0').getCount(),
    ]);
    return { dirty, failed };
  }
}
