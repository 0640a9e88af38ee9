import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CURRENT_TEMPLATE_VERSION, ComposedSummary, SCORING_2023, Template, composeSummary, countedStatuses, getTemplate } from '@cchc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { conflict, notFound } from '../../common/api-error';
import { PeriodsService } from '../periods/periods.service';
import { UnitsService } from '../units/units.service';
import type { RollupFailureDto } from './dto/rollup-failure.dto';
import { RollupState } from './entities/rollup-state.entity';
import { RollupOutboxService } from './rollup-outbox.service';
import { readChildCoverage, readChildStats, readCountedCommuneValues } from './rollup-sources.reader';
import { SummaryWriter } from './summary.writer';
import { readUnitScores, scorePass, writeUnitScores, type ScoredPass } from './unit-scores';

/** A rollup that keeps being re-dirtied hands over to the follow-up job instead of spinning. */
const MAX_PASSES = 10;
/** The reconciler's wait after the n-th consecutive failure of a unit: 2 s, 4 s, 8 s … at most 15 min. */
export const rollupRetryDelayMs = (failures: number): number => Math.min(2 ** Math.min(failures, 20) * 1000, 15 * 60_000);
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

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: RollupOutboxService,
    private readonly units: UnitsService,
    private readonly writer: SummaryWriter,
    private readonly periods: PeriodsService,
  ) {}

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

  /** One pass: read the state (S), read the sources, compose (shared), write if still newest. */
  async rollupOnce(unitCode: string, periodId: string): Promise<RollupPassResult> {
    const ds = this.dataSource;
    const [family, state] = await Promise.all([
      this.units.familyOf(unitCode),
      ds.getRepository(RollupState).findOne({ where: { unitCode, periodId } }),
    ]);
    const seq = state?.requestedSeq ?? 0;
    // Every change to the sources bumps requested_seq, so nothing new since the last write = nothing to do.
    if (state && state.doneSeq >= state.requestedSeq) {
      return { written: false, dirty: false, parentCode: null };
    }
    if (!family || family.unit.level === 'commune') {
      // Nothing to aggregate (a commune's "summary" is its report): just settle the request.
      await this.settle(ds.manager, unitCode, periodId, seq);
      return { written: false, dirty: false, parentCode: null };
    }
    const { unit, children } = family;
    const communeCodes = children.filter((c) => c.level === 'commune').map((c) => c.code);
    const groupKids = children.filter((c) => c.level !== 'commune');
    const groupCodes = groupKids.map((c) => c.code);

    // The sources, read after S (see the class comment).
    const [communeValues, childStats, childCoverage, childScores, ownReports] = await Promise.all([
      readCountedCommuneValues(ds, periodId, communeCodes, countedStatuses(this.basis)),
      readChildStats(ds, periodId, groupCodes),
      readChildCoverage(ds, this.units, periodId, groupKids),
      readUnitScores(ds, periodId, groupCodes),
      // Districts (provinces) file their own report too: the rows only their level reports come from it.
      readCountedCommuneValues(ds, periodId, groupCodes, countedStatuses(this.basis)),
    ]);
    const composed = composeSummary(
      this.template(),
      children.map((c) => ({ code: c.code, level: c.level })),
      communeValues,
      childStats,
      childCoverage,
      ownReports,
    );
    // Scores from the same sources, so a stored score is never older or newer than its summary.
    const scores = scorePass({
      scheme: SCORING_2023,
      basis: this.basis,
      unit,
      periodId,
      children,
      communeReports: communeValues,
      childRows: childScores,
      childExpected: new Map(childCoverage.map((c) => [c.unitCode, c.expected])),
      expected: composed.coverage.expected,
      minCoverage: this.config.rankingMinCoverage,
      now: new Date(),
    });
    return this.write(unitCode, periodId, seq, unit.parentCode, composed, scores, new Map(children.map((c) => [c.code, c.level])));
  }

  private async write(
    unitCode: string,
    periodId: string,
    seq: number,
    parentCode: string | null,
    composed: ComposedSummary,
    scores: ScoredPass,
    childLevels: Map<string, string>,
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
      await this.writer.replace(em, unitCode, periodId, composed.stats, { ...composed.coverage, basis: this.basis, asOf: new Date() });
      const dirty = await this.settle(em, unitCode, periodId, seq, current);
      if (parentCode) await this.outbox.markStale(em, parentCode, periodId);
      // After the parent's state row: the parent's pass holds that row while it writes our rank,
      // so taking it first means the two never wait on each other's locks in opposite order.
      await writeUnitScores(em, scores, childLevels);
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
        failedAt: null,
      })
      .where('unit_code = :unitCode AND period_id = :periodId AND done_seq <= :seq', { unitCode, periodId, seq })
      .execute();
    if (current) return current.requestedSeq > seq; // read under our row lock (SQLite: single writer)
    const after = await em.findOne(RollupState, { where: { unitCode, periodId } });
    return !!after && after.requestedSeq > after.doneSeq;
  }

  /** A failed attempt stays visible (health, summaries) until a pass succeeds; the row stays dirty. */
  async recordFailure(unitCode: string, periodId: string, error: Error): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(RollupState)
      .set({ failures: () => 'failures + 1', lastError: error.message.slice(0, 2000), failedAt: new Date() })
      .where('unit_code = :unitCode AND period_id = :periodId', { unitCode, periodId })
      .execute();
  }

  /**
   * Rows whose summary is owed: dirty since before `olderThan` (fresh ones have their job in flight),
   * and failing ones once their back-off has passed, so one unit that cannot be computed is retried
   * less and less often instead of every round, and never holds up the others.
   */
  async owed(olderThan: Date, limit = 5000, now = new Date()): Promise<Array<{ unitCode: string; periodId: string }>> {
    const rows = await this.dataSource
      .getRepository(RollupState)
      .createQueryBuilder('s')
      .select(['s.unitCode', 's.periodId', 's.failures', 's.failedAt'])
      .where('s.dirty = :d', { d: true })
      .andWhere('(s.requestedAt < :t OR s.failures > 0)', { t: olderThan })
      .orderBy('s.failures', 'ASC')
      .addOrderBy('s.requestedAt', 'ASC')
      .take(limit)
      .getMany();
    return rows
      .filter((r) => r.failures === 0 || !r.failedAt || r.failedAt.getTime() + rollupRetryDelayMs(r.failures) <= now.getTime())
      .map((r) => ({ unitCode: r.unitCode, periodId: r.periodId }));
  }

  /** Owed rollups whose last attempt failed, the most failing first, with their unit's name at the period. */
  async failures(limit = 500): Promise<RollupFailureDto[]> {
    const rows = await this.dataSource
      .getRepository(RollupState)
      .createQueryBuilder('s')
      .where('s.dirty = :d', { d: true })
      .andWhere('s.failures > 0')
      .orderBy('s.failures', 'DESC')
      .addOrderBy('s.requestedAt', 'ASC')
      .take(limit)
      .getMany();
    const periodEnd = new Map((await this.periods.list()).map((p) => [p.id, p.endDate]));
    return Promise.all(
      rows.map(async (r) => {
        const unit = await this.units.resolve(r.unitCode, periodEnd.get(r.periodId));
        return {
          unitCode: r.unitCode,
          unitName: unit?.name ?? r.unitCode,
          unitLevel: unit?.level ?? null,
          periodId: r.periodId,
          failures: r.failures,
          lastError: r.lastError,
          failedAt: r.failedAt,
          requestedAt: r.requestedAt,
          nextRetryAt: r.failedAt ? new Date(r.failedAt.getTime() + rollupRetryDelayMs(r.failures)) : null,
        };
      }),
    );
  }

  /** An administrator's "try again now", once the cause is fixed: only for a rollup that is owed. */
  async retryNow(unitCode: string, periodId: string): Promise<{ unitCode: string; periodId: string; enqueued: boolean }> {
    const state = await this.dataSource.getRepository(RollupState).findOne({ where: { unitCode, periodId } });
    if (!state) throw notFound('Không có tổng hợp nào của đơn vị này trong kỳ này.', 'No rollup exists for this unit and period.', 'unitCode');
    if (!state.dirty) {
      throw conflict('not_owed', 'Tổng hợp này đã xong, không cần thử lại.', 'This rollup is up to date; there is nothing to retry.', { doneAt: state.doneAt });
    }
    const enqueued = await this.outbox.kick(unitCode, periodId);
    return { unitCode, periodId, enqueued };
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
