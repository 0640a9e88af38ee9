import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { currentRequestId } from '../common/logging/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BullMqQueueDriver, withTimeout } from './bullmq-queue.driver';
import { LiveWorker, QUEUE_DRIVER, QueueCounts, QueueDriver } from './queue-driver';
import { JobPayloads, QUEUE_OPTIONS_TABLE, QueueName, QueueOptionsTable, jobIdFor } from './queue.constants';

export interface QueueHealth {
  mode: 'bullmq' | 'in-process';
  up: boolean;
  /** This process consumes jobs. */
  workers: boolean;
  /** Processes consuming jobs now, anywhere (heartbeats; in-process: this one). */
  liveWorkers: LiveWorker[];
  error?: string;
  queues: Record<string, QueueCounts>;
  /** Work recorded in the database but not done yet (e.g. dirty rollups), by source. */
  backlog?: Record<string, Record<string, number>>;
}

export interface EnqueueOptions {
  /** Wait this long before running; requests arriving meanwhile fold into the same job. */
  delayMs?: number;
  /** BullMQ priority (1 = highest of the prioritised; jobs without one go first). In-process: ignored. */
  priority?: number;
}

/**
 * The producers' side of the queue: enqueue with dedup and follow-up, health and backlog.
 * The transport behind it (BullMQ or in-process) is the QUEUE_DRIVER chosen once from the config.
 */
@Injectable()
export class JobQueueService implements OnModuleDestroy {
  private readonly backlogSources = new Map<string, () => Promise<Record<string, number>>>();

  constructor(
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    @Inject(QUEUE_OPTIONS_TABLE) private readonly options: QueueOptionsTable,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get mode(): 'bullmq' | 'in-process' {
    return this.driver.mode;
  }

  /**
   * Enqueue a job, deduplicated by its id while it waits; a request for a job running now gets one
   * follow-up behind it when the queue says so (followUpWhileRunning), because the running one may
   * already have read the inputs this request is about. Throws when Redis is unreachable: callers that
   * must not lose work record it in an outbox first.
   */
  async enqueue<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], opts: EnqueueOptions = {}): Promise<void> {
    // The job carries the id of the request it serves (given by the job that enqueues it, else the request
    // running now), so its log lines, and those of the jobs it enqueues in turn, join the request's.
    const requestId = payload.requestId ?? currentRequestId();
    const job = { queue, id: jobIdFor(queue, payload, this.options), payload: requestId ? { ...payload, requestId } : payload, ...opts };
    await withTimeout(this.driver.add(job), this.config.enqueueTimeoutMs, 'enqueue timed out (Redis unreachable?)');
  }

  /** A job every `everyMs`, once across all processes sharing the queue (BullMQ job scheduler; in-process: a timer). */
  async repeat<Q extends QueueName>(queue: Q, schedulerId: string, everyMs: number, payload: JobPayloads[Q]): Promise<void> {
    await withTimeout(this.driver.repeat(queue, schedulerId, everyMs, payload), this.config.enqueueTimeoutMs, 'scheduling timed out (Redis unreachable?)');
  }

  /** A source of "work owed" shown in health (e.g. the rollup outbox's dirty rows). */
  registerBacklog(name: string, source: () => Promise<Record<string, number>>): void {
    this.backlogSources.set(name, source);
  }

  private async backlog(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [name, source] of this.backlogSources) {
      out[name] = await source().catch(() => ({ unavailable: 1 }));
    }
    return out;
  }

  /** Waits until the in-process driver is idle (no-op on BullMQ). */
  drain(): Promise<void> {
    return this.driver.drain();
  }

  /** The BullMQ queues (Bull Board, tests); none in-process. */
  bullQueues(): Queue[] {
    return this.driver instanceof BullMqQueueDriver ? this.driver.bullQueues() : [];
  }

  /** Whether the transport answers (readiness): no backlog or worker reads, so it never waits on the database. */
  async reachable(): Promise<{ up: boolean; error?: string }> {
    try {
      await this.driver.counts();
      return { up: true };
    } catch (e) {
      return { up: false, error: (e as Error).message };
    }
  }

  async health(): Promise<QueueHealth> {
    const base = { mode: this.driver.mode, workers: this.driver.workingHere > 0 };
    try {
      const queues = await this.driver.counts();
      const liveWorkers = await this.driver.liveWorkers();
      return { ...base, up: true, liveWorkers, queues, backlog: await this.backlog() };
    } catch (e) {
      return { ...base, up: false, liveWorkers: [], error: (e as Error).message, queues: {}, backlog: await this.backlog() };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.driver.close();
  }
}
