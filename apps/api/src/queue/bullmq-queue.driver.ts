import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { JobsOptions, KeepJobs, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { DriverJob, JobHandlers, LiveWorker, QueueCounts, QueueDriver } from './queue-driver';
import { QueueName, QueueOptions, QueueOptionsTable } from './queue.constants';

export interface BullMqDriverConfig {
  redisUrl: string;
  prefix: string;
  /** Used for a queue whose options leave concurrency unset. */
  defaultConcurrency: number;
}

/** A worker process renews its heartbeat this often; it counts as dead once HEARTBEAT_TTL_MS passes without one. */
const HEARTBEAT_EVERY_MS = 5_000;
const HEARTBEAT_TTL_MS = 15_000;

/** BullMQ's retention settings from the table's "keep n" (Infinity: keep all, 0: keep none). */
function keep(n: number): boolean | KeepJobs {
  if (n === Infinity) return false;
  if (n <= 0) return true;
  return { count: n };
}

export function bullJobOptions(opts: QueueOptions): JobsOptions {
  return {
    attempts: opts.attempts,
    backoff: { type: opts.backoff.type, delay: opts.backoff.delayMs },
    removeOnComplete: keep(opts.keepCompleted),
    removeOnFail: keep(opts.keepFailed),
  };
}

/** Jobs through Redis: survive restarts, shared by every API and worker process on one QUEUE_PREFIX. */
export class BullMqQueueDriver implements QueueDriver {
  readonly mode = 'bullmq' as const;
  private readonly logger = new Logger('Queue');
  private connection: IORedis | null = null;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  /** BullMQ never closes a connection it was handed, so we keep each one to close it ourselves. */
  private readonly workerConnections: IORedis[] = [];
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly self: LiveWorker = { id: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`, host: hostname(), pid: process.pid, startedAt: new Date().toISOString() };
  /** This process's part of its job ids (unique across processes and restarts), and its count of adds. */
  private readonly runTag = randomBytes(3).toString('hex');
  private added = 0;

  constructor(
    private readonly config: BullMqDriverConfig,
    private readonly options: QueueOptionsTable,
  ) {}

  get workingHere(): number {
    return this.workers.length;
  }

  /** The producer connection and one Queue per name, opened on first use. */
  private open(): IORedis {
    if (this.connection) return this.connection;
    // Commands queue while (re)connecting; the facade bounds each wait with its own timeout.
    this.connection = new IORedis(this.config.redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (e) => this.logger.warn(`Redis: ${e.message}`));
    for (const name of Object.values(QueueName)) {
      this.queues.set(
        name,
        new Queue(name, { connection: this.connection, prefix: this.config.prefix, defaultJobOptions: bullJobOptions(this.options[name]) }),
      );
    }
    return this.connection;
  }

  bullQueues(): Queue[] {
    this.open();
    return [...this.queues.values()];
  }

  private queue(name: QueueName): Queue {
    this.open();
    const q = this.queues.get(name);
    if (!q) throw new Error(`queue ${name} is not open`);
    return q;
  }

  /**
   * One script in Redis, so no race between looking and adding: the facade's id is BullMQ's
   * deduplication id, and each job gets its own id (`<id>__<process tag>-<n>`), so a finished job kept
   * for inspection never swallows a later request. While a job of that id waits (or is delayed) a request
   * folds into it; while one runs, a queue with followUpWhileRunning has BullMQ keep the newest request
   * and start it as the next job when the running one ends (keepLastIfActive) — never two at once; in
   * other queues it folds into the running one. The id is freed when its job ends or is removed.
   */
  async add(job: DriverJob): Promise<void> {
    await this.queue(job.queue).add(job.queue, job.payload, {
      jobId: `${job.id}__${this.runTag}-${(++this.added).toString(36)}`,
      deduplication: { id: job.id, ...(this.options[job.queue].followUpWhileRunning ? { keepLastIfActive: true } : {}) },
      ...(job.delayMs ? { delay: job.delayMs } : {}),
      ...(job.priority ? { priority: job.priority } : {}),
    });
  }

  async repeat(queue: QueueName, schedulerId: string, everyMs: number, payload: unknown): Promise<void> {
    // upsert: every process declares the same scheduler; Redis keeps one, and one job per interval.
    await this.queue(queue).upsertJobScheduler(schedulerId, { every: everyMs, startDate: Date.now() + everyMs }, { name: queue, data: payload, opts: bullJobOptions(this.options[queue]) });
  }

  work(queue: QueueName, handlers: JobHandlers): void {
    this.open();
    const opts = this.options[queue];
    const worker = new Worker(queue, (job) => handlers.process(job.data, { attempt: job.attemptsMade + 1, jobId: job.id ?? '' }), {
      connection: this.workerConnection(),
      prefix: this.config.prefix,
      concurrency: opts.concurrency ?? this.config.defaultConcurrency,
      lockDuration: opts.lockDurationMs,
      stalledInterval: Math.max(1000, Math.floor(opts.lockDurationMs / 2)),
    });
    worker.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        void handlers.onFailed?.(job.data, err)?.catch(() => undefined);
      }
    });
    worker.on('error', (e) => this.logger.warn(`worker ${queue}: ${e.message}`));
    this.workers.push(worker);
    this.startHeartbeat();
  }

  async counts(): Promise<Record<string, QueueCounts>> {
    await withTimeout(this.open().ping(), 1000, 'Redis did not answer PING within 1 s');
    const out: Record<string, QueueCounts> = {};
    for (const [name, q] of this.queues) {
      const c = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      out[name] = { waiting: c['waiting'] ?? 0, active: c['active'] ?? 0, delayed: c['delayed'] ?? 0, failed: c['failed'] ?? 0, completed: c['completed'] ?? 0 };
    }
    return out;
  }

  private get heartbeatSet(): string {
    return `${this.config.prefix}:workers`;
  }

  private heartbeatKey(id: string): string {
    return `${this.config.prefix}:workers:${id}`;
  }

  /** Each consuming process keeps a key with a TTL; a SIGKILLed worker simply stops renewing it. */
  private startHeartbeat(): void {
    if (this.heartbeat) return;
    const beat = async () => {
      const redis = this.open();
      await redis
        .multi()
        .set(this.heartbeatKey(this.self.id), JSON.stringify(this.self), 'PX', HEARTBEAT_TTL_MS)
        .sadd(this.heartbeatSet, this.self.id)
        .exec()
        .catch(() => undefined); // Redis down: the error listener has logged it; the key simply expires.
    };
    void beat();
    this.heartbeat = setInterval(() => void beat(), HEARTBEAT_EVERY_MS);
    this.heartbeat.unref();
  }

  async liveWorkers(): Promise<LiveWorker[]> {
    const redis = this.open();
    const ids = await withTimeout(redis.smembers(this.heartbeatSet), 1000, 'Redis did not answer within 1 s');
    if (ids.length === 0) return [];
    const beats = await redis.mget(ids.map((id) => this.heartbeatKey(id)));
    const dead = ids.filter((_, i) => !beats[i]);
    if (dead.length) await redis.srem(this.heartbeatSet, ...dead).catch(() => undefined);
    return beats.filter((b): b is string => !!b).map((b) => JSON.parse(b) as LiveWorker);
  }

  drain(): Promise<void> {
    return Promise.resolve();
  }

  private workerConnection(): IORedis {
    const c = new IORedis(this.config.redisUrl, { maxRetriesPerRequest: null });
    c.on('error', (e) => this.logger.warn(`Redis (worker): ${e.message}`));
    this.workerConnections.push(c);
    return c;
  }

  async close(): Promise<void> {
    if (this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
      // A clean stop says so at once rather than waiting for the TTL.
      await withTimeout(
        this.open().multi().del(this.heartbeatKey(this.self.id)).srem(this.heartbeatSet, this.self.id).exec(),
        1000,
        'heartbeat removal timed out',
      ).catch(() => undefined);
    }
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.workerConnections.forEach((c) => c.disconnect());
    this.connection?.disconnect();
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
