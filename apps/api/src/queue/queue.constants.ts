/**
 * Every queue of the system: its name, its payload type and its options, here and nowhere else.
 * Both drivers (BullMQ, in-process) read QUEUE_OPTIONS, so a retry schedule is written once.
 */
export enum QueueName {
  Rollup = 'rollup',
  NoticeEmail = 'notice-email',
  Reminders = 'reminders',
  ParDeadline = 'par-deadline',
}

/**
 * What every job carries beside its own fields: the id of the request it serves (X-Request-Id), set by
 * JobQueueService.enqueue from the payload or the current request, and handed on by a job that enqueues
 * the next one (a district's rollup asking for its province's), so every hop's log lines name the request.
 * Never part of a job id: requests with different ids still fold into one waiting job.
 */
export interface JobTrace {
  requestId?: string;
}

/** Recompute one unit's summary for one period from its children (idempotent). */
export interface RollupJobPayload extends JobTrace {
  unitCode: string;
  periodId: string;
}

/** E-mail one or more notices of one recipient (several: the daily digest) through SMTP. */
export interface NoticeEmailJobPayload extends JobTrace {
  noticeIds: number[];
}

/**
 * The scheduled notices pass: reminders before and after deadlines, and the daily digests.
 * Repeats every REMINDER_INTERVAL_MS; each pass is idempotent per Vietnam day (the reminders' unique key).
 */
export interface RemindersJobPayload extends JobTrace {
  /** Test clocks pin the pass to an instant; absent: now. */
  at?: string;
}

/** Lock one stage of a PAR round at its deadline; `deadline` (ISO) says which deadline the job was set for. */
export interface ParDeadlineJobPayload extends JobTrace {
  roundId: number;
  stage: string;
  deadline: string;
  /** A timer that fired early (capped delay) schedules the rest under a new id. */
  hop?: number;
}

export interface JobPayloads {
  [QueueName.Rollup]: RollupJobPayload;
  [QueueName.NoticeEmail]: NoticeEmailJobPayload;
  [QueueName.Reminders]: RemindersJobPayload;
  [QueueName.ParDeadline]: ParDeadlineJobPayload;
}

export interface QueueOptions<Q extends QueueName = QueueName> {
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait before try n+1: delayMs × 2^(n-1). */
  backoff: { type: 'exponential'; delayMs: number };
  /** Finished jobs kept for inspection (Bull Board, health counts); Infinity keeps them all. */
  keepCompleted: number;
  keepFailed: number;
  /** Jobs of this queue run at once per worker process; unset: WORKER_CONCURRENCY. */
  concurrency?: number;
  /** Same id while one waits = one job, however many requests arrive (BullMQ: the deduplication id; each job has its own). */
  jobId(payload: JobPayloads[Q]): string;
  /** A request for a job that is running now gets one more run behind it (it may have read older inputs). */
  followUpWhileRunning: boolean;
  /** BullMQ only: a worker that stops renewing its lock this long loses the job to another. */
  lockDurationMs: number;
}

export type QueueOptionsTable = { [Q in QueueName]: QueueOptions<Q> };

export const QUEUE_OPTIONS: QueueOptionsTable = {
  [QueueName.Rollup]: {
    attempts: 6,
    backoff: { type: 'exponential', delayMs: 500 },
    keepCompleted: 1000,
    // Failed jobs stay for inspection (Bull Board, /api/health).
    keepFailed: Infinity,
    jobId: (p) => `${p.unitCode}__${p.periodId}`,
    followUpWhileRunning: true,
    // Rollup jobs take milliseconds: a dead worker's job is handed to another within ~15 s, not a minute.
    lockDurationMs: 10_000,
  },
  [QueueName.NoticeEmail]: {
    // An SMTP server down for a while: 1 s, 2 s, … about 17 min in all, then the notice is marked failed.
    attempts: 11,
    backoff: { type: 'exponential', delayMs: 1000 },
    keepCompleted: 1000,
    keepFailed: Infinity,
    concurrency: 2,
    jobId: (p) => `mail__${p.noticeIds[0] ?? 0}__${p.noticeIds.length}`,
    followUpWhileRunning: false,
    lockDurationMs: 60_000,
  },
  [QueueName.Reminders]: {
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 5000 },
    keepCompleted: 100,
    keepFailed: 100,
    concurrency: 1,
    jobId: (p) => `reminders__${p.at ?? 'now'}`,
    followUpWhileRunning: false,
    lockDurationMs: 120_000,
  },
  [QueueName.ParDeadline]: {
    attempts: 5,
    backoff: { type: 'exponential', delayMs: 1000 },
    keepCompleted: 1000,
    keepFailed: Infinity,
    // One delayed job per stage and deadline: moving a deadline adds a new one, the old one finds its deadline gone.
    jobId: (p) => `${p.roundId}__${p.stage}__${Date.parse(p.deadline)}${p.hop ? `__${p.hop}` : ''}`,
    followUpWhileRunning: false,
    lockDurationMs: 30_000,
  },
};

/** Injection token of the table, so a test can hand both drivers a faster schedule. */
export const QUEUE_OPTIONS_TABLE = Symbol('QUEUE_OPTIONS_TABLE');

/** Delay before attempt `attempt + 1` after attempt `attempt` failed (BullMQ's "exponential"). */
export function backoffDelayMs(opts: QueueOptions, attempt: number): number {
  return opts.backoff.delayMs * 2 ** (attempt - 1);
}

export function jobIdFor<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], table: QueueOptionsTable = QUEUE_OPTIONS): string {
  return (table[queue] as QueueOptions<Q>).jobId(payload);
}
