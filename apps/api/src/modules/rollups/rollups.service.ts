import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { conflict, notFound } from '../../common/api-error';
import { isMysql } from '../../database/write-transaction';
import type { JobTrace } from '../../queue/queue.constants';
import { UnitsService } from '../units/units.service';
import { RollupOutboxService } from './rollup-outbox.service';
import { RollupPassService } from './rollup-pass.service';
import { RollupStateRepository } from './rollup-state.repository';
import { shouldBatchSiblings } from './sibling-batch';

/** A rollup that keeps being re-dirtied hands over to the follow-up job instead of spinning. */
const MAX_PASSES = 10;
/** BullMQ priority of a parent's job requested by a finished child rollup (unprioritised jobs go first). */
const PARENT_PRIORITY = 10;

/**
 * The rollup job's body, one job per family: the unit's dirty children (batched into one pass when many
 * are dirty), then the unit itself, until it is clean; its own parent asked for after a written pass.
 */
@Injectable()
export class RollupsService {
  private readonly logger = new Logger('Rollups');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: RollupOutboxService,
    private readonly state: RollupStateRepository,
    private readonly passes: RollupPassService,
    private readonly units: UnitsService,
  ) {}

  /**
   * Runs passes until the unit is clean (the job body; see rollupJobUnit for which unit's job this is).
   * `trace`: the job's request id, handed on to every job this one asks for, so the next hop logs
   * under the request that started the chain.
   */
  async run(unitCode: string, periodId: string, trace: JobTrace = {}): Promise<void> {
    // Communes have nothing to aggregate: their requests are settled by a pass over them, like any unit's.
    const children = ((await this.units.familyOf(unitCode))?.children ?? []).filter((c) => c.level !== 'commune').map((c) => c.code);
    /** Children whose pass failed in this job: recorded and left owed for the reconciler, not retried here. */
    const failed = new Set<string>();
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      if (children.length > 0) await this.rollupChildren(children, periodId, failed);
      const r = await this.passes.rollupOnce(unitCode, periodId);
      // Behind the jobs that approvals asked for: a parent's family runs once its children are done.
      if (r.parentCode && r.written) await this.outbox.kick(r.parentCode, periodId, { priority: PARENT_PRIORITY, ...trace });
      // A child changed meanwhile asks for this same job, which BullMQ starts again once this one ends.
      if (!r.dirty) return;
    }
    // Still being changed: the follow-up job queued by the producer (or the reconciler) continues.
    this.logger.warn(`rollup ${unitCode}/${periodId} still dirty after ${MAX_PASSES} passes`);
  }

  /**
   * The children still owed, in one batched pass when enough are dirty (shouldBatchSiblings), else one
   * pass each. A child that cannot be computed is recorded as failed and left owed (the reconciler
   * retries it with a back-off), and its siblings and its parent go on: one broken report does not
   * hold back a province.
   */
  private async rollupChildren(children: string[], periodId: string, failed: Set<string>): Promise<void> {
    const owed = (await this.state.dirtyAmong(periodId, children)).filter((c) => !failed.has(c));
    if (owed.length === 0) return;
    const batch = shouldBatchSiblings({ batchMin: this.config.rollupBatchMin, mysql: isMysql(this.dataSource), dirty: owed.length });
    for (const group of batch ? [owed] : owed.map((c) => [c])) {
      try {
        // A batch records its own failed units and returns them unwritten and still dirty.
        for (const [code, r] of await this.passes.rollupMany(group, periodId)) if (!r.written && r.dirty) failed.add(code);
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        this.logger.warn(`rollup ${group.join(', ')}/${periodId} failed: ${error.message}`);
        for (const code of group) {
          failed.add(code);
          await this.state.recordFailure(code, periodId, error).catch(() => undefined);
        }
      }
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
