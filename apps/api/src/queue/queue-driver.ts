import type { JobContext } from './job-processor.decorator';
import type { QueueName } from './queue.constants';

/** What a processor gives a driver: the job body, and what to do once a job used up its attempts. */
export interface JobHandlers {
  process(payload: unknown, ctx: JobContext): Promise<void>;
  onFailed?(payload: unknown, error: Error): Promise<void>;
}

export interface DriverJob {
  queue: QueueName;
  id: string;
  payload: unknown;
  delayMs?: number;
  priority?: number;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed?: number;
  failed: number;
  completed?: number;
}

/** A process consuming jobs, as its heartbeat describes it. */
export interface LiveWorker {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
}

/**
 * The one seam between the queue facade and a job transport. Options (attempts, backoff, retention,
 * concurrency) come from QUEUE_OPTIONS in both implementations; dedup ids are decided by the facade.
 */
export interface QueueDriver {
  readonly mode: 'bullmq' | 'in-process';
  /**
   * Adds a job unless one with its id is waiting (then it absorbs this request). A request for a job
   * running now gets one more run after it when the queue says `followUpWhileRunning` (the running one
   * may have read its inputs before the request's change), else it is absorbed too. Never two runs of
   * one id at once.
   */
  add(job: DriverJob): Promise<void>;
  /**
   * A job added every `everyMs` under one scheduler id. BullMQ: a job scheduler in Redis, so however
   * many processes declare it, one job per interval runs; in-process: a timer in this process.
   */
  repeat(queue: QueueName, schedulerId: string, everyMs: number, payload: unknown): Promise<void>;
  /** Consume `queue` in this process. */
  work(queue: QueueName, handlers: JobHandlers): void;
  /** Job counts by queue; throws when the transport is unreachable. */
  counts(): Promise<Record<string, QueueCounts>>;
  /** Processes consuming jobs now, in any process (heartbeats). */
  liveWorkers(): Promise<LiveWorker[]>;
  /** How many queues this process consumes. */
  readonly workingHere: number;
  /** Resolves once nothing waits or runs (in-process); BullMQ: at once. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export const QUEUE_DRIVER = Symbol('QUEUE_DRIVER');
