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
        // The request that enqueued the job (if any) names its log lines too.
        process: (payload, ctx) => {
          const { requestId, rest } = splitRequestId(payload);
          const run = () => this.stats.time(queue, () => host.process(rest as JobPayloads[QueueName], ctx));
          return requestId ? runWithRequestId(requestId, run) : run();
        },
        onFailed: (payload: unknown, error: Error) => {
          this.stats.exhaustedOne(queue);
          return host.onFailed ? host.onFailed(splitRequestId(payload).rest as JobPayloads[QueueName], error) : Promise.resolve();
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

/** JobQueueService.enqueue adds `requestId` beside the payload's own fields; processors get the payload alone. */
export function splitRequestId(payload: unknown): { requestId?: string; rest: unknown } {
  if (!payload || typeof payload !== 'object' || !('requestId' in payload)) return { rest: payload };
  const { requestId, ...rest } = payload as { requestId?: unknown };
  return typeof requestId === 'string' ? { requestId, rest } : { rest };
}

function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
