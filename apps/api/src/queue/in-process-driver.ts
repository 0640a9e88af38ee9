import { Logger } from '@nestjs/common';
import type { JobContext } from './job-processor.decorator';
import { IN_PROCESS_ATTEMPTS, IN_PROCESS_BACKOFF_MS } from './queue.constants';

type Handler = (payload: unknown, ctx: JobContext) => Promise<void>;
type FailHandler = (payload: unknown, error: Error) => Promise<void>;

interface Entry {
  payload: unknown;
  /** A job asked for again while it runs must run once more afterwards. */
  rerun: boolean;
  running: boolean;
}

/**
 * Runs jobs inside the process when no Redis is configured: same processors, same dedup-by-id
 * and retry-with-backoff semantics as BullMQ, but nothing survives a restart — the rollup
 * outbox (rollup_state) is what makes that safe.
 */
export class InProcessDriver {
  private readonly logger = new Logger('InProcessQueue');
  private readonly entries = new Map<string, Entry>();
  private readonly handlers = new Map<string, { handle: Handler; onFailed?: FailHandler }>();
  private readonly idle: Array<() => void> = [];
  private active = 0;
  private stopped = false;
  completed = 0;
  failed = 0;

  constructor(private readonly concurrency: number) {}

  register(queue: string, handle: Handler, onFailed?: FailHandler): void {
    this.handlers.set(queue, { handle, onFailed });
  }

  enqueue(queue: string, jobId: string, payload: unknown): void {
    if (this.stopped) return;
    const key = `${queue}:${jobId}`;
    const existing = this.entries.get(key);
    if (existing) {
      if (existing.running) existing.rerun = true;
      existing.payload = payload;
      return;
    }
    this.entries.set(key, { payload, rerun: false, running: false });
    setImmediate(() => this.pump());
  }

  counts(): { waiting: number; active: number; completed: number; failed: number } {
    return { waiting: this.entries.size - this.active, active: this.active, completed: this.completed, failed: this.failed };
  }

  /** Resolves when no job is waiting or running (tests, CLI). */
  drain(): Promise<void> {
    if (this.entries.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  stop(): void {
    this.stopped = true;
  }

  private pump(): void {
    for (const [key, entry] of this.entries) {
      if (this.active >= this.concurrency) return;
      if (entry.running) continue;
      entry.running = true;
      this.active++;
      void this.run(key, entry).finally(() => {
        this.active--;
        if (entry.rerun && !this.stopped) {
          entry.rerun = false;
          entry.running = false;
        } else {
          this.entries.delete(key);
        }
        if (this.entries.size === 0) this.idle.splice(0).forEach((r) => r());
        else setImmediate(() => this.pump());
      });
    }
  }

  private async run(key: string, entry: Entry): Promise<void> {
    const queue = key.slice(0, key.indexOf(':'));
    const jobId = key.slice(queue.length + 1);
    const h = this.handlers.get(queue);
    if (!h) {
      this.logger.error(`no processor for queue ${queue}`);
      return;
    }
    for (let attempt = 1; attempt <= IN_PROCESS_ATTEMPTS; attempt++) {
      try {
        await h.handle(entry.payload, { attempt, jobId });
        this.completed++;
        return;
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        if (attempt === IN_PROCESS_ATTEMPTS || this.stopped) {
          this.failed++;
          this.logger.error(`job ${key} failed after ${attempt} attempts: ${error.message}`);
          await h.onFailed?.(entry.payload, error).catch(() => undefined);
          return;
        }
        this.logger.warn(`job ${key} attempt ${attempt} failed: ${error.message}; retrying`);
        await new Promise((r) => setTimeout(r, IN_PROCESS_BACKOFF_MS * 2 ** (attempt - 1)));
      }
    }
  }
}
