import { Injectable, Logger } from '@nestjs/common';
import { JobContext, JobProcessor, JobProcessorHost } from '../../../queue/job-processor.decorator';
import { QueueName, RollupJobPayload } from '../../../queue/queue.constants';
import { RollupStateRepository } from '../rollup-state.repository';
import { RollupsService } from '../rollups.service';

/** Recomputes one unit × period from its sources, then marks the parent stale (see RollupsService). */
@Injectable()
@JobProcessor(QueueName.Rollup)
export class RollupProcessor implements JobProcessorHost<QueueName.Rollup> {
  private readonly logger = new Logger('RollupProcessor');

  constructor(
    private readonly rollups: RollupsService,
    private readonly state: RollupStateRepository,
  ) {}

  async process(payload: RollupJobPayload, ctx: JobContext): Promise<void> {
    try {
      await this.rollups.run(payload.unitCode, payload.periodId, { requestId: payload.requestId });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      // Visible at once in /api/health and the summary, not only after the last attempt.
      await this.state.recordFailure(payload.unitCode, payload.periodId, error).catch(() => undefined);
      this.logger.warn(`rollup ${payload.unitCode}/${payload.periodId} attempt ${ctx.attempt} failed: ${error.message}`);
      throw error;
    }
  }

  onFailed(payload: RollupJobPayload, error: Error): Promise<void> {
    // The row stays dirty: the reconciler tries again on its next round.
    this.logger.error(`rollup ${payload.unitCode}/${payload.periodId} gave up after all attempts: ${error.message}`);
    return Promise.resolve();
  }
}
