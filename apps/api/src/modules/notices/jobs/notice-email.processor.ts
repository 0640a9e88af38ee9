import { Injectable, Logger } from '@nestjs/common';
import { JobContext, JobProcessor, JobProcessorHost } from '../../../queue/job-processor.decorator';
import { NoticeEmailJobPayload, QueueName } from '../../../queue/queue.constants';
import { NoticesService } from '../notices.service';

/** Sends a notice (or a digest) by e-mail; an SMTP failure throws, and the queue retries with backoff. */
@Injectable()
@JobProcessor(QueueName.NoticeEmail)
export class NoticeEmailProcessor implements JobProcessorHost<QueueName.NoticeEmail> {
  private readonly logger = new Logger('NoticeEmail');

  constructor(private readonly notices: NoticesService) {}

  async process(payload: NoticeEmailJobPayload, ctx: JobContext): Promise<void> {
    try {
      await this.notices.deliver(payload.noticeIds);
    } catch (e) {
      this.logger.warn(`e-mail of notice ${payload.noticeIds[0]} attempt ${ctx.attempt} failed: ${(e as Error).message}`);
      throw e;
    }
  }

  async onFailed(payload: NoticeEmailJobPayload, error: Error): Promise<void> {
    this.logger.error(`e-mail of notice ${payload.noticeIds[0]} gave up: ${error.message}`);
    await this.notices.markFailed(payload.noticeIds);
  }
}
