import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InProcessDriver } from './in-process-driver';
import { JOB_PROCESSOR, JobProcessorHost } from './job-processor.decorator';
import { DEFAULT_JOB_OPTIONS, JobPayloads, QueueName, jobIdFor } from './queue.constants';

export interface QueueHealth {
  mode: 'bullmq' | 'in-process';
  up: boolean;
  workers: boolean;
  error?: string;
  queues: Record<string, { waiting: number; active: number; delayed?: number; failed: number; completed?: number }>;
  /** Work recorded in the database but not done yet (e.g. dirty rollups), by source. */
  backlog?: Record<string, Record<string, number>>;
}

export interface EnqueueOptions {
  /** Wait this long before running; requests arriving meanwhile fold into the same job. */
  delayMs?: number;
  /** BullMQ priority (1 = highest of the prioritised; jobs without one go first). In-process: ignored. */
  priority?: number;
}

/** How long an enqueue may wait for Redis before the caller falls back on its outbox. */
const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * The job driver: BullMQ when REDIS_URL is set, in-process otherwise. Producers call enqueue();
 * processors are classes marked @JobProcessor(queue) and are found at start-up.
 */
@Injectable()
export class JobQueueService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Queue');
  private readonly inProcess: InProcessDriver | null;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private connection: IORedis | null = null;
  private readonly workerConnections: IORedis[] = [];
  private readonly backlogSources = new Map<string, () => Promise<Record<string, number>>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
  ) {
    this.inProcess = config.redisUrl ? null : new InProcessDriver(config.workerConcurrency);
  }

  get mode(): 'bullmq' | 'in-process' {
    return this.inProcess ? 'in-process' : 'bullmq';
  }

  onApplicationBootstrap(): void {
    if (this.config.redisUrl) {
      this.connection = new IORedis(this.config.redisUrl, {
        maxRetriesPerRequest: null,
        // Commands queue while (re)connecting; enqueue() bounds the wait with its own timeout.
      });
      this.connection.on('error', (e) => this.logger.warn(`Redis: ${e.message}`));
      for (const name of Object.values(QueueName)) {
        this.queues.set(
          name,
          new Queue(name, { connection: this.connection, prefix: this.config.queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
        );
      }
    }
    const processors = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(JOB_PROCESSOR, w.metatype as object));
    for (const wrapper of processors) {
      const queue = Reflect.getMetadata(JOB_PROCESSOR, wrapper.metatype as object) as QueueName;
      const host = wrapper.instance as JobProcessorHost<QueueName>;
      if (this.inProcess) {
        this.inProcess.register(
          queue,
          (p, ctx) => host.process(p as JobPayloads[QueueName], ctx),
          host.onFailed ? (p, e) => host.onFailed!(p as JobPayloads[QueueName], e) : undefined,
        );
      } else if (this.config.runWorkers) {
        const worker = new Worker(
          queue,
          (job) => host.process(job.data as JobPayloads[QueueName], { attempt: job.attemptsMade + 1, jobId: job.id ?? '' }),
          {
            connection: this.workerConnection(),
            prefix: this.config.queuePrefix,
            concurrency: this.config.workerConcurrency,
            // Rollup jobs take milliseconds: a dead worker's job is handed to another within ~15 s, not a minute.
            lockDuration: 10_000,
            stalledInterval: 5_000,
          },
        );
        worker.on('failed', (job, err) => {
          if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
            void host.onFailed?.(job.data as JobPayloads[QueueName], err)?.catch(() => undefined);
          }
        });
        worker.on('error', (e) => this.logger.warn(`worker ${queue}: ${e.message}`));
        this.workers.push(worker);
      }
    }
    this.logger.log(
      this.inProcess
        ? `jobs run in-process (no REDIS_URL): ${processors.length} processor(s)`
        : `jobs run through BullMQ at ${redact(this.config.redisUrl!)}; workers in this process: ${this.workers.length}`,
    );
  }

  /**
   * Enqueue a job, deduplicated by its id while it waits. Throws when Redis is unreachable:
   * callers that must not lose work record it in an outbox first.
   */
  async enqueue<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], opts: EnqueueOptions = {}): Promise<void> {
    const jobId = jobIdFor(queue, payload);
    if (this.inProcess) {
      this.inProcess.enqueue(queue, jobId, payload);
      return;
    }
    const q = this.queues.get(queue);
    if (!q) throw new Error(`queue ${queue} is not open`);
    await withTimeout(this.addDeduplicated(q, queue, payload, jobId, opts), ENQUEUE_TIMEOUT_MS, 'enqueue timed out (Redis unreachable?)');
  }

  /**
   * BullMQ ignores an add whose id exists in any state, so: a finished job with this id is removed
   * and added again (else a later request would be swallowed); one running now gets a single
   * follow-up behind it, because it may already have read the inputs this request is about.
   */
  private async addDeduplicated(q: Queue, name: string, payload: unknown, jobId: string, opts: EnqueueOptions): Promise<void> {
    const state = await this.addFresh(q, name, payload, jobId, opts);
    if (state === 'active') await this.addFresh(q, name, payload, `${jobId}__next`, { ...opts, delayMs: Math.max(50, opts.delayMs ?? 0) });
  }

  private async addFresh(q: Queue, name: string, payload: unknown, jobId: string, opts: EnqueueOptions): Promise<string> {
    for (let i = 0; i < 3; i++) {
      const job = await q.add(name, payload, {
        jobId,
        ...(opts.delayMs ? { delay: opts.delayMs } : {}),
        ...(opts.priority ? { priority: opts.priority } : {}),
      });
      const state = await job.getState();
      if (state !== 'completed' && state !== 'failed') return state;
      // Removal fails if another producer re-added it meanwhile; the next add then dedups onto that.
      await q.remove(jobId).catch(() => undefined);
    }
    return 'waiting';
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
  async drain(): Promise<void> {
    await this.inProcess?.drain();
  }

  bullQueues(): Queue[] {
    return [...this.queues.values()];
  }

  async health(): Promise<QueueHealth> {
    if (this.inProcess) {
      return { mode: 'in-process', up: true, workers: true, queues: { [QueueName.Rollup]: this.inProcess.counts() }, backlog: await this.backlog() };
    }
    try {
      await withTimeout(this.connection!.ping(), 1000, 'Redis did not answer PING within 1 s');
      const queues: QueueHealth['queues'] = {};
      for (const [name, q] of this.queues) {
        const c = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        queues[name] = {
          waiting: c.waiting ?? 0,
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          failed: c.failed ?? 0,
          completed: c.completed ?? 0,
        };
      }
      return { mode: 'bullmq', up: true, workers: this.workers.length > 0, queues, backlog: await this.backlog() };
    } catch (e) {
      return { mode: 'bullmq', up: false, workers: this.workers.length > 0, error: (e as Error).message, queues: {}, backlog: await this.backlog() };
    }
  }

  /** BullMQ never closes a connection it was handed, so we keep each one to close it ourselves. */
  private workerConnection(): IORedis {
    const c = new IORedis(this.config.redisUrl!, { maxRetriesPerRequest: null });
    c.on('error', (e) => this.logger.warn(`Redis (worker): ${e.message}`));
    this.workerConnections.push(c);
    return c;
  }

  async onModuleDestroy(): Promise<void> {
    this.inProcess?.stop();
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.workerConnections.forEach((c) => c.disconnect());
    this.connection?.disconnect();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
