import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type { DriverJob, JobHandlers, LiveWorker, QueueCounts, QueueDriver } from './queue-driver';
import { QueueName, QueueOptionsTable, backoffDelayMs } from './queue.constants';

const MAX_TIMER_MS = 2_147_483_647;

interface Entry {
  queue: QueueName;
  id: string;
  payload: unknown;
  /** A job asked for again while it runs must run once more afterwards. */
  rerun: boolean;
  running: boolean;
}

interface Tally {
  active: number;
  completed: number;
  failed: number;
}

/**
 * Runs jobs inside the process when no Redis is configured: same processors, same options table,
 * dedup-by-id and retry-with-backoff as BullMQ, but nothing survives a restart — the rollup
 * outbox (rollup_state) is what makes that safe. A delay is honoured by a timer (a stage deadline of a
 * PAR round); a delayed job is not "waiting" for drain() until its time comes. Priorities are not honoured.
 */
export class InProcessQueueDriver implements QueueDriver {
  readonly mode = 'in-process' as const;
  private readonly logger = new Logger('InProcessQueue');
  private readonly entries = new Map<string, Entry>();
  private readonly handlers = new Map<QueueName, JobHandlers>();
  private readonly tallies = new Map<QueueName, Tally>();
  private readonly idle: Array<() => void> = [];
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  private readonly delayed = new Map<string, NodeJS.Timeout>();
  private readonly self: LiveWorker = { id: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`, host: hostname(), pid: process.pid, startedAt: new Date().toISOString() };
  private stopped = false;
  /** The jobs running now: close() waits for them, as BullMQ's Worker.close() does, before the database goes. */
  private readonly runs = new Set<Promise<void>>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly options: QueueOptionsTable,
    private readonly defaultConcurrency: number,
  ) {
    for (const q of Object.values(QueueName)) this.tallies.set(q, { active: 0, completed: 0, failed: 0 });
  }

  get workingHere(): number {
    return this.handlers.size;
  }

  work(queue: QueueName, handlers: JobHandlers): void {
    this.handlers.set(queue, handlers);
  }

  repeat(queue: QueueName, schedulerId: string, everyMs: number, payload: unknown): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const timer = setInterval(() => void this.add({ queue, id: schedulerId, payload }), everyMs);
    timer.unref();
    this.timers.push(timer);
    return Promise.resolve();
  }

  add(job: DriverJob): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const key = `${job.queue}:${job.id}`;
    if (job.delayMs && job.delayMs > 0) {
      if (this.delayed.has(key)) return Promise.resolve();
      const t = setTimeout(
        () => {
          this.delayed.delete(key);
          void this.add({ ...job, delayMs: 0 });
        },
        // setTimeout's ceiling (~24.8 days); a job woken early reschedules itself (see ParDeadlineProcessor).
        Math.min(job.delayMs, MAX_TIMER_MS),
      );
      // A far deadline must not keep the process alive.
      t.unref();
      this.delayed.set(key, t);
      return Promise.resolve();
    }
    const existing = this.entries.get(key);
    if (existing) {
      existing.payload = job.payload;
      if (existing.running && this.options[job.queue].followUpWhileRunning) existing.rerun = true;
      return Promise.resolve();
    }
    this.entries.set(key, { queue: job.queue, id: job.id, payload: job.payload, rerun: false, running: false });
    setImmediate(() => this.pump());
    return Promise.resolve();
  }

  counts(): Promise<Record<string, QueueCounts>> {
    const out: Record<string, QueueCounts> = {};
    for (const [queue, t] of this.tallies) {
      const opts = this.options[queue];
      const waiting = [...this.entries.values()].filter((e) => e.queue === queue && !e.running).length;
      // Retention as BullMQ would keep them, so both drivers report alike.
      out[queue] = { waiting, active: t.active, completed: Math.min(t.completed, opts.keepCompleted), failed: Math.min(t.failed, opts.keepFailed) };
    }
    return Promise.resolve(out);
  }

  /** Jobs run in this very process: alive by definition. */
  liveWorkers(): Promise<LiveWorker[]> {
    return Promise.resolve([this.self]);
  }

  drain(): Promise<void> {
    if (this.entries.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.timers.splice(0).forEach((t) => clearInterval(t));
    for (const t of this.delayed.values()) clearTimeout(t);
    this.delayed.clear();
    for (const [t, wake] of this.sleepers) {
      clearTimeout(t);
      wake();
    }
    this.sleepers.clear();
    // A job cut off here would fail on a closed connection; its rollup would stay owed until the next start.
    await Promise.allSettled([...this.runs]);
  }

  private concurrencyOf(queue: QueueName): number {
    return this.options[queue].concurrency ?? this.defaultConcurrency;
  }

  private pump(): void {
    for (const [key, entry] of this.entries) {
      const tally = this.tallies.get(entry.queue)!;
      if (this.stopped) return;
      if (entry.running || tally.active >= this.concurrencyOf(entry.queue)) continue;
      entry.running = true;
      tally.active++;
      const run = this.run(entry).finally(() => {
        this.runs.delete(run);
        tally.active--;
        if (entry.rerun && !this.stopped) {
          entry.rerun = false;
          entry.running = false;
        } else {
          this.entries.delete(key);
        }
        if (this.entries.size === 0) this.idle.splice(0).forEach((r) => r());
        else setImmediate(() => this.pump());
      });
      this.runs.add(run);
    }
  }

  private async run(entry: Entry): Promise<void> {
    const h = this.handlers.get(entry.queue);
    const tally = this.tallies.get(entry.queue)!;
    const opts = this.options[entry.queue];
    const key = `${entry.queue}:${entry.id}`;
    if (!h) {
      // The explorer refuses to start without a processor; this is a job added after close.
      this.logger.error(`no processor for queue ${entry.queue}`);
      return;
    }
    for (let attempt = 1; attempt <= opts.attempts; attempt++) {
      try {
        await h.process(entry.payload, { attempt, jobId: entry.id });
        tally.completed++;
        return;
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        if (attempt === opts.attempts || this.stopped) {
          tally.failed++;
          this.logger.error(`job ${key} failed after ${attempt} attempts: ${error.message}`);
          await h.onFailed?.(entry.payload, error).catch(() => undefined);
          return;
        }
        this.logger.warn(`job ${key} attempt ${attempt} failed: ${error.message}; retrying`);
        await this.sleep(backoffDelayMs(opts, attempt));
        if (this.stopped) return;
      }
    }
  }

  /** A backoff wait that close() cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.sleepers.delete(t);
        resolve();
      }, ms);
      this.sleepers.set(t, resolve);
    });
  }
}
