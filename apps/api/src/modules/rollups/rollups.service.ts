import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ComposedSummary, ScoringScheme, Template, composeSummary, countedStatuses } from '@cchc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { conflict, notFound } from '../../common/api-error';
import { PeriodsService } from '../periods/periods.service';
import { UnitsService, type UnitFamily } from '../units/units.service';
import type { RollupFailureDto } from '../figures/rollup-failures/dto/rollup-failure.dto';
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

/** A unit's composed pass, ready to write. */
interface UnitPass {
  unitCode: string;
  seq: number;
  parentCode: string | null;
  composed: ComposedSummary;
  scores: ScoredPass;
  childLevels: Map<string, string>;
}

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

  /** Runs passes until the unit is clean (the job body). */
  async run(unitCode: string, periodId: string): Promise<void> {
    // Many dirty siblings (a national recompute, an import): one batched pass for all of them.
    if (await this.runSiblingBatch(unitCode, periodId)) return;
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
    return (await this.rollupMany([unitCode], periodId)).get(unitCode) ?? { written: false, dirty: false, parentCode: null };
  }

  /**
   * When at least ROLLUP_BATCH_MIN siblings of the unit are dirty (a national recompute, an import; a few
   * approvals stay single passes), rolls them all up in one batched pass (rollupMany) under a database
   * lock named after the parent, so the worker processes do not each batch the same family. A job that
   * finds the lock taken ends at once: after releasing it the holder asks for a job for every sibling
   * still dirty (one changed meanwhile, or one it did not take), so nothing waits for the reconciler.
   * Returns true when the job is done. MySQL only: SQLite has one writer at a time.
   */
  private async runSiblingBatch(unitCode: string, periodId: string): Promise<boolean> {
    const min = this.config.rollupBatchMin;
    if (min === 0 || this.dataSource.options.type === 'better-sqlite3') return false;
    const family = await this.units.familyOf(unitCode);
    const parentCode = family?.unit.parentCode;
    if (!parentCode || family.unit.level === 'commune') return false;
    const siblings = ((await this.units.familyOf(parentCode))?.children ?? []).filter((c) => c.level !== 'commune').map((c) => c.code);
    if (siblings.length < min) return false;
    const db: EntityManager = this.dataSource.manager;
    const dirtySiblings = async (on: EntityManager = db) =>
      (await on.getRepository(RollupState).find({ where: { periodId, unitCode: In(siblings), dirty: true }, select: { unitCode: true } })).map(
        (d) => d.unitCode,
      );
    const dirty = await dirtySiblings();
    if (dirty.length < min) return false;
    // Named locks are per server: the database's name keeps two databases (tests, benches) apart.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const lock = `${parentCode}:${periodId}`;
      const [got] = (await runner.query("SELECT GET_LOCK(CONCAT(DATABASE(), ':rollup:', ?), 0) AS ok", [lock])) as Array<{ ok: number | string | null }>;
      if (Number(got?.ok) !== 1) return true;
      let results: Map<string, RollupPassResult>;
      try {
        // The whole batch on the lock's connection: a batch holds one pooled connection, never more, so
        // many batches at once (high WORKER_CONCURRENCY) cannot hold the pool while waiting for it.
        results = await this.rollupMany(await dirtySiblings(runner.manager), periodId, runner.manager);
      } finally {
        await runner.query("SELECT RELEASE_LOCK(CONCAT(DATABASE(), ':rollup:', ?))", [lock]);
      }
      if ([...results.values()].some((r) => r.written)) await this.outbox.kick(parentCode, periodId, { priority: PARENT_PRIORITY });
      // After the release: every sibling job that found the lock taken did so before this read, so its
      // unit, if still dirty, is asked for again here.
      for (const code of await dirtySiblings(runner.manager)) await this.outbox.kick(code, periodId);
      return true;
    } finally {
      await runner.release();
    }
  }

  /**
   * One pass over several units at once, with the guarantees of a single pass for each: every unit's
   * requested_seq (S) is read before any source, the sources of all of them are read in one set of
   * queries, each unit is composed on its own through the shared rules (composeSummary, scorePass), and
   * all are written in one transaction that locks their state rows in key order and skips any unit a
   * pass with a newer S has already written.
   */
  async rollupMany(unitCodes: string[], periodId: string, db: EntityManager = this.dataSource.manager): Promise<Map<string, RollupPassResult>> {
    const out = new Map<string, RollupPassResult>();
    const codes = [...new Set(unitCodes)].sort();
    const [families, states] = await Promise.all([
      Promise.all(codes.map((c) => this.units.familyOf(c))),
      db.getRepository(RollupState).find({ where: { periodId, unitCode: In(codes) } }),
    ]);
    const stateOf = new Map(states.map((s) => [s.unitCode, s]));
    const todo: Array<{ family: UnitFamily; seq: number }> = [];
    for (const [i, code] of codes.entries()) {
      const state = stateOf.get(code);
      const seq = state?.requestedSeq ?? 0;
      // Every change to the sources bumps requested_seq, so nothing new since the last write = nothing to do.
      if (state && state.doneSeq >= state.requestedSeq) {
        out.set(code, { written: false, dirty: false, parentCode: null });
        continue;
      }
      const family = families[i];
      if (!family || family.unit.level === 'commune') {
        // Nothing to aggregate (a commune's "summary" is its report): just settle the request.
        await this.settle(db, code, periodId, seq);
        out.set(code, { written: false, dirty: false, parentCode: null });
        continue;
      }
      todo.push({ family, seq });
    }
    if (todo.length === 0) return out;

    // The sources of every unit, read after its S (see the class comment), one query per kind.
    const children = todo.flatMap((t) => t.family.children);
    const communeCodes = children.filter((c) => c.level === 'commune').map((c) => c.code);
    const groupKids = children.filter((c) => c.level !== 'commune');
    const groupCodes = groupKids.map((c) => c.code);
    const statuses = countedStatuses(this.basis);
    const [communeValues, childStats, childCoverage, childScores, ownReports] = await Promise.all([
      readCountedCommuneValues(db, periodId, communeCodes, statuses),
      readChildStats(db, periodId, groupCodes),
      readChildCoverage(db, this.units, periodId, groupKids),
      readUnitScores(db, periodId, groupCodes),
      // Districts (provinces) file their own report too: the rows only their level reports come from it.
      readCountedCommuneValues(db, periodId, groupCodes, statuses),
    ]);
    // Every report of a period is made with the period's version (it cannot change once one exists).
    const [template, scheme] = await Promise.all([this.periods.templateOf(periodId), this.periods.schemeOf(periodId)]);
    const now = new Date();
    const passes: UnitPass[] = [];
    for (const { family, seq } of todo) {
      try {
        passes.push(this.composePass(family, seq, periodId, template, scheme, { communeValues, childStats, childCoverage, childScores, ownReports }, now));
      } catch (e) {
        // A single pass fails as a job (retried, recorded by the processor). In a batch, one unit that
        // cannot be computed is recorded as failed and left owed; its siblings are written as usual.
        if (todo.length === 1) throw e;
        const error = e instanceof Error ? e : new Error(String(e));
        this.logger.warn(`rollup ${family.unit.code}/${periodId} failed in a batch: ${error.message}`);
        await this.recordFailure(family.unit.code, periodId, error).catch(() => undefined);
        out.set(family.unit.code, { written: false, dirty: true, parentCode: family.unit.parentCode });
      }
    }
    if (passes.length === 0) return out;
    for (const [code, r] of await this.write(periodId, passes, db)) out.set(code, r);
    return out;
  }

  /** Composes one unit's summary and scores from the batch's sources (the shared rules; no I/O). */
  private composePass(
    family: UnitFamily,
    seq: number,
    periodId: string,
    template: Template,
    scheme: ScoringScheme,
    src: {
      communeValues: Awaited<ReturnType<typeof readCountedCommuneValues>>;
      childStats: Awaited<ReturnType<typeof readChildStats>>;
      childCoverage: Awaited<ReturnType<typeof readChildCoverage>>;
      childScores: Awaited<ReturnType<typeof readUnitScores>>;
      ownReports: Awaited<ReturnType<typeof readCountedCommuneValues>>;
    },
    now: Date,
  ): UnitPass {
    const { communeValues, childStats, childCoverage, childScores, ownReports } = src;
    const { unit } = family;
    const mine = new Set(family.children.map((c) => c.code));
    const ofMine = <T extends { unitCode: string }>(rows: T[]) => rows.filter((r) => mine.has(r.unitCode));
    const coverage = ofMine(childCoverage);
    const communeReports = ofMine(communeValues);
    // Composing a report with another version's rules would be silently wrong: such a unit fails, named.
    const foreign = [...communeReports, ...ofMine(ownReports)].find((r) => r.templateVersion !== template.version);
    if (foreign) {
      throw new Error(`report of ${foreign.unitCode} is on template ${foreign.templateVersion}, its period on ${template.version}`);
    }
    const composed = composeSummary(
      template,
      family.children.map((c) => ({ code: c.code, level: c.level })),
      communeReports,
      childStats.filter((r) => mine.has(r.unitCode)),
      coverage,
      ofMine(ownReports),
    );
    // Scores from the same sources, so a stored score is never older or newer than its summary.
    const scores = scorePass({
      scheme,
      template,
      basis: this.basis,
      unit,
      periodId,
      children: family.children,
      communeReports,
      childRows: ofMine(childScores),
      childExpected: new Map(coverage.map((c) => [c.unitCode, c.expected])),
      expected: composed.coverage.expected,
      minCoverage: this.config.rankingMinCoverage,
      now,
    });
    return { unitCode: unit.code, seq, parentCode: unit.parentCode, composed, scores, childLevels: new Map(family.children.map((c) => [c.code, c.level])) };
  }

  private async write(periodId: string, passes: UnitPass[], db: EntityManager): Promise<Map<string, RollupPassResult>> {
    const mysql = this.dataSource.options.type !== 'better-sqlite3';
    const work = async (em: EntityManager): Promise<Map<string, RollupPassResult>> => {
      const out = new Map<string, RollupPassResult>();
      const qb = em
        .getRepository(RollupState)
        .createQueryBuilder('s')
        .where('s.unitCode IN (:...codes) AND s.periodId = :periodId', { codes: passes.map((p) => p.unitCode), periodId })
        .orderBy('s.unitCode', 'ASC');
      // SQLite has one writer at a time; MySQL needs the row locks (taken in key order, as every pass takes them).
      const current = new Map((await (mysql ? qb.setLock('pessimistic_write') : qb).getMany()).map((r) => [r.unitCode, r]));
      const fresh: UnitPass[] = [];
      for (const p of passes) {
        const row = current.get(p.unitCode);
        if (row && row.doneSeq > p.seq) out.set(p.unitCode, { written: false, dirty: row.requestedSeq > row.doneSeq, parentCode: p.parentCode });
        else fresh.push(p);
      }
      if (fresh.length === 0) return out;
      const asOf = new Date();
      await this.writer.replaceMany(
        em,
        periodId,
        fresh.map((p) => ({ unitCode: p.unitCode, stats: p.composed.stats, coverage: { ...p.composed.coverage, basis: this.basis, asOf } })),
      );
      const locked = fresh.filter((p) => current.has(p.unitCode));
      for (let i = 0; i < locked.length; i += 300) await this.settleLocked(em, periodId, locked.slice(i, i + 300));
      for (const p of fresh) {
        const row = current.get(p.unitCode);
        // Read under our row lock (SQLite: single writer), so whether newer requests wait is known.
        const dirty = row ? row.requestedSeq > p.seq : await this.settle(em, p.unitCode, periodId, p.seq, null);
        out.set(p.unitCode, { written: true, dirty, parentCode: p.parentCode });
      }
      for (const parent of [...new Set(fresh.map((p) => p.parentCode).filter((c): c is string => !!c))].sort()) {
        await this.outbox.markStale(em, parent, periodId);
      }
      // After the parent's state row: the parent's pass holds that row while it writes our rank,
      // so taking it first means the two never wait on each other's locks in opposite order.
      await writeUnitScores(em, fresh);
      return out;
    };
    // READ COMMITTED: no gap locks, so sibling districts replacing their rows side by side don't deadlock.
    return mysql ? db.transaction('READ COMMITTED', work) : db.transaction(work);
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

  /**
   * settle for several units whose state rows this transaction holds locked, in one UPDATE (one per
   * unit was a tenth of a batch's write time): each row gets its own seq, and only if not already past it.
   */
  private async settleLocked(em: EntityManager, periodId: string, passes: Array<{ unitCode: string; seq: number }>): Promise<void> {
    if (passes.length === 0) return;
    const esc = (c: string) => em.connection.driver.escape(c);
    const params: unknown[] = [];
    const whens = (then: string) =>
      passes
        .map((p) => {
          params.push(p.unitCode, p.seq);
          return `WHEN ? THEN ${then}`;
        })
        .join(' ');
    const doneSeq = `CASE ${esc('unit_code')} ${whens('?')} END`;
    const dirty = `CASE ${esc('unit_code')} ${whens(`CASE WHEN ${esc('requested_seq')} > ? THEN 1 ELSE 0 END`)} END`;
    const now = em.connection.driver.preparePersistentValue(new Date(), em.connection.getMetadata(RollupState).findColumnWithPropertyName('doneAt')!) as unknown;
    params.push(now, periodId);
    const mine = passes.map((p) => {
      params.push(p.unitCode, p.seq);
      return `(${esc('unit_code')} = ? AND ${esc('done_seq')} <= ?)`;
    });
    await em.query(
      `UPDATE ${esc('rollup_state')} SET ${esc('done_seq')} = ${doneSeq}, ${esc('dirty')} = ${dirty}, ${esc('done_at')} = ?, ${esc('failures')} = 0, ` +
        `${esc('last_error')} = NULL, ${esc('failed_at')} = NULL WHERE ${esc('period_id')} = ? AND (${mine.join(' OR ')})`,
      params,
    );
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
