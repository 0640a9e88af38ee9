import { Injectable, Logger } from '@nestjs/common';
import { JobProcessor, JobProcessorHost } from '../../../queue/job-processor.decorator';
import { ParDeadlineJobPayload, QueueName } from '../../../queue/queue.constants';
import { JobQueueService } from '../../../queue/queue.service';
import { ParRoundsService } from '../par-rounds.service';

/**
 * Locks a PAR stage at its deadline. Writes check the deadline themselves too, so a late action is
 * refused even before this runs; the lock is what an administrator lifts by moving the deadline.
 */
@Injectable()
@JobProcessor(QueueName.ParDeadline)
export class ParDeadlineProcessor implements JobProcessorHost<QueueName.ParDeadline> {
  private readonly logger = new Logger('ParDeadlineProcessor');

  constructor(
    private readonly rounds: ParRoundsService,
    private readonly queue: JobQueueService,
  ) {}

  async process(payload: ParDeadlineJobPayload): Promise<void> {
    const outcome = await this.rounds.lockStage(payload.roundId, payload.stage, payload.deadline);
    if (outcome === 'early') {
      const delayMs = Math.max(0, Date.parse(payload.deadline) - Date.now());
      await this.queue.enqueue(QueueName.ParDeadline, { ...payload, hop: (payload.hop ?? 0) + 1 }, { delayMs });
    }
  }

  onFailed(payload: ParDeadlineJobPayload, error: Error): Promise<void> {
    // Writes still check the deadline; only the stored lock is missing until the next start reschedules it.
    this.logger.error(`round ${payload.roundId} ${payload.stage}: lock failed: ${error.message}`);
    return Promise.resolve();
  }
}
