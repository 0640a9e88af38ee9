import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { JobProcessor, JobProcessorHost } from '../../../queue/job-processor.decorator';
import { QueueName, RemindersJobPayload } from '../../../queue/queue.constants';
import { JobQueueService } from '../../../queue/queue.service';
import { NoticesClock } from '../notices.clock';
import { RemindersService } from '../reminders.service';

export const REMINDERS_SCHEDULER_ID = 'reminders-pass';

/**
 * The reminders pass, on a BullMQ job scheduler (one job per interval however many processes declare
 * it; in-process: a timer). The pass itself is idempotent per day, so a retry or an overlap is harmless.
 */
@Injectable()
@JobProcessor(QueueName.Reminders)
export class RemindersProcessor implements JobProcessorHost<QueueName.Reminders>, OnApplicationBootstrap {
  private readonly logger = new Logger('RemindersProcessor');

  constructor(
    private readonly reminders: RemindersService,
    private readonly clock: NoticesClock,
    private readonly queue: JobQueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.notices.reminderIntervalMs;
    if (every <= 0) return;
    await this.queue.repeat(QueueName.Reminders, REMINDERS_SCHEDULER_ID, every, {}).catch((e: Error) => this.logger.warn(`reminders not scheduled: ${e.message}`));
  }

  async process(payload: RemindersJobPayload): Promise<void> {
    await this.reminders.runPass(payload.at ? new Date(payload.at) : this.clock.now());
  }
}
