import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { conflict, notFound } from '../../common/api-error';
import { isMysql } from '../../database/write-transaction';
import type { JobTrace } from '../../queue/queue.constants';
import { UnitsService } from '../units/units.service';
import { RollupOutboxService } from './rollup-outbox.service';
import { RollupPassService, type RollupPassResult } from './rollup-pass.service';
import { RollupStateRepository } from './rollup-state.repository';
import { shouldBatchSiblings } from './sibling-batch';

/** A rollup that keeps being re-dirtied hands over to the follow-up job instead of spinning. */
const MAX_PASSES = 10;
/** BullMQ priority of a parent's job requested by a finished child rollup (unprioritised jobs go first). */
const PARENT_PRIORITY = 10;

/**
 * The rollup job's body: passes for one unit until it is clean, its parent asked for after each
 * written pass, and many dirty sibling districts folded into one batched pass (a national recompute).
 */
@Injectable()
export class RollupsService {
  private readonly logger = new Logger('Rollups');
  /**
   * The families this process is batching now (parent:period → the sibling codes the batch reads): a job
   * for one of them ends at once, before any query, as it would on finding the family's lock taken.
   */
  private readonly batching = new Map<string, { periodId: string; codes: Set<string> }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: RollupOutboxService,
    private readonly state: RollupStateRepository,
    private readonly passes: RollupPassService,
    private readonly units: UnitsService,
  ) {}

  /**
   * Runs passes until the unit is clean (the job body). `trace`: the job's request id, handed on to
   * every job this one asks for, so the parent's hop logs under the request that started the chain.
   */
  async run(unitCode: string, periodId: string, trace: JobTrace = {}): Promise<void> {
    if (await this.runSiblingBatch(unitCode, periodId, trace)) return;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const r = await this.passes.rollupOnce(unitCode, periodId);
      // Behind the jobs that approvals asked for: a parent runs once its children are done, not once per child.
      if (r.parentCode && r.written) await this.outbox.kick(r.parentCode, periodId, { priority: PARENT_PRIORITY, ...trace });
      if (!r.dirty) return;
    }
    // Still being changed: the follow-up job queued by the producer (or the reconciler) continues.
    this.logger.warn(`rollup ${unitCode}/${periodId} still dirty after ${MAX_PASSES} passes`);
  }

  /**
   * When at least ROLLUP_BATCH_MIN siblings of the unit are dirty (shouldBatchSiblings), rolls them all up
   * in one batched pass under a database lock named after the parent, so the worker processes do not each
   * batch the same family. A job that finds the lock taken ends at once: after releasing it the holder
   * asks for a job for every sibling still dirty (one changed meanwhile, or one it did not take), so
   * nothing waits for the reconciler. Returns true when the job is done.
   */
  private async runSiblingBatch(unitCode: string, periodId: string, trace: JobTrace): Promise<boolean> {
    const base = { batchMin: this.config.rollupBatchMin, mysql: isMysql(this.dataSource) };
    if (!shouldBatchSiblings({ ...base, level: 'district', hasParent: true, siblings: Infinity })) return false;
    // The batch reads and settles state rows by code, and reads every one of its codes again after it ends.
    for (const b of this.batching.values()) if (b.periodId === periodId && b.codes.has(unitCode)) return true;
    // The unit alone (familyOf's own lookup, one query when not cached): its children come with the siblings' families below.
    const unit = await this.units.resolve(unitCode);
    const parentCode = unit?.parentCode;
    if (!unit || !parentCode) return false;
    const siblings = ((await this.units.familyOf(parentCode))?.children ?? []).filter((c) => c.level !== 'commune').map((c) => c.code);
    const decide = (dirty?: number) => shouldBatchSiblings({ ...base, level: unit.level, hasParent: true, siblings: siblings.length, dirty });
    if (!decide()) return false;
    // Every sibling's family in two queries, shared by this process's sibling jobs and the batch.
    await this.units.familiesOf(siblings);
    const lock = `${parentCode}:${periodId}`;
    const flags = await this.state.dirtyFlags(periodId, siblings);
    // Already written (by a sibling's batch): nothing is owed, as a pass would find after reading the same row.
    if (flags.get(unitCode) === false) return true;
    const dirtySiblings = (on: EntityManager) => this.state.dirtyAmong(periodId, siblings, on);
    if (!decide([...flags.values()].filter(Boolean).length)) return false;
    // Named locks are per server: the database's name keeps two databases (tests, benches) apart.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [got] = (await runner.query("SELECT GET_LOCK(CONCAT(DATABASE(), ':rollup:', ?), 0) AS ok", [lock])) as Array<{ ok: number | string | null }>;
      if (Number(got?.ok) !== 1) return true;
      let results: Map<string, RollupPassResult>;
      this.batching.set(lock, { periodId, codes: new Set(siblings) });
      try {
        // The whole batch on the lock's connection: a batch holds one pooled connection, never more, so
        // many batches at once (high WORKER_CONCURRENCY) cannot hold the pool while waiting for it.
        const dirty = await dirtySiblings(runner.manager);
        // Before rollupMany reads their seqs (see RollupOutboxService.withdraw); this job is running.
        await this.outbox.withdraw(
          dirty.filter((c) => c !== unitCode),
          periodId,
        );
        results = await this.passes.rollupMany(dirty, periodId, runner.manager);
      } finally {
        // Before the read below, like the lock: a sibling job that saw either ended before it.
        this.batching.delete(lock);
        await runner.query("SELECT RELEASE_LOCK(CONCAT(DATABASE(), ':rollup:', ?))", [lock]);
      }
      if ([...results.values()].some((r) => r.written)) await this.outbox.kick(parentCode, periodId, { priority: PARENT_PRIORITY, ...trace });
      // After the release: every sibling job that found the lock taken did so before this read, so its
      // unit, if still dirty, is asked for again here.
      for (const code of await dirtySiblings(runner.manager)) await this.outbox.kick(code, periodId, trace);
      return true;
    } finally {
      await runner.release();
    }
  }

  /** An administrator's "try again now", once the cause is fixed: only for a rollup that is owed. */
  async retryNow(unitCode: string, periodId: string): Promise<{ unitCode: string; periodId: string; enqueued: boolean }> {
    const state = await this.state.find(unitCode, periodId);
    if (!state) throw notFound('Không có tổng hợp nào của đơn vị này trong kỳ này.', 'No rollup exists for this unit and period.', 'unitCode');
    if (!state.dirty) {
      throw conflict('not_owed', 'Tổng hợp này đã xong, không cần thử lại.', 'This rollup is up to date; there is nothing to retry.', { doneAt: state.doneAt });
    }
    const enqueued = await this.outbox.kick(unitCode, periodId);
    return { unitCode, periodId, enqueued };
  }
}
