import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { runWithRequestId } from '../common/logging/request-context';
import { JobProcessorExplorer } from './job-processor.explorer';
import { JobStats } from './job-stats';
import type { JobProcessorHost } from './job-processor.decorator';
import { QUEUE_DRIVER, QueueDriver } from './queue-driver';
import type { JobPayloads, QueueName } from './queue.constants';

/**
 * Hands each queue's processor to the driver in a process that runs workers: always in-process
 * (there is nobody else to run them), with BullMQ when RUN_WORKERS is on.
 */
@Injectable()
export class JobWorkersService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Queue');
  private processors = new Map<QueueName, JobProcessorHost<QueueName>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    private readonly explorer: JobProcessorExplorer,
    private readonly stats: JobStats,
  ) {}

  get runsWorkers(): boolean {
    return this.driver.mode === 'in-process' || this.config.runWorkers;
  }

  /** Before anything connects: a process that runs workers refuses to start with a queue nobody processes. */
  onModuleInit(): void {
    if (this.runsWorkers) this.processors = this.explorer.exploreAll();
  }

  /** Consumption starts once every module is ready (migrations ran, services exist). */
  onApplicationBootstrap(): void {
    for (const [queue, host] of this.processors) {
      this.driver.work(queue, {
        // The request the job serves (if any) names its log lines, and travels on in the payload to the
        // jobs this one enqueues (JobTrace).
        process: async (payload, ctx) => {
          const requestId = requestIdOf(payload);
          const run = async () => {
            await this.stats.time(queue, () => host.process(payload as JobPayloads[QueueName], ctx));
            this.logger.debug({ msg: 'job done', queue, jobId: ctx.jobId, attempt: ctx.attempt });
          };
          return requestId ? runWithRequestId(requestId, run) : run();
        },
        onFailed: (payload: unknown, error: Error) => {
          this.stats.exhaustedOne(queue);
          const failed = () => (host.onFailed ? host.onFailed(payload as JobPayloads[QueueName], error) : Promise.resolve());
          const requestId = requestIdOf(payload);
          return requestId ? runWithRequestId(requestId, failed) : failed();
        },
      });
    }
    this.logger.log(
      this.driver.mode === 'in-process'
        ? `jobs run in-process (no REDIS_URL): ${this.processors.size} processor(s)`
        : `jobs run through BullMQ at ${redact(this.config.redisUrl ?? '')}; queues consumed in this process: ${this.driver.workingHere}`,
    );
  }
}

/** The payload's JobTrace.requestId, when it is a string (a job from an older release may have none). */
export function requestIdOf(payload: unknown): string | undefined {
  const id = payload && typeof payload === 'object' ? (payload as { requestId?: unknown }).requestId : undefined;
  return typeof id === 'string' ? id : undefined;
}

function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
