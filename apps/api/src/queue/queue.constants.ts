import type { JobsOptions } from 'bullmq';

/** Every queue of the system. Names, payload types and default options live here and nowhere else. */
export enum QueueName {
  Rollup = 'rollup',
}

/** Recompute one unit's summary for one period from its children (idempotent). */
export interface RollupJobPayload {
  unitCode: string;
  periodId: string;
}

export interface JobPayloads {
  [QueueName.Rollup]: RollupJobPayload;
}

/** Same job id while one is waiting = one job per unit × period, however many approvals arrive. */
export function jobIdFor<Q extends QueueName>(queue: Q, payload: JobPayloads[Q]): string {
  switch (queue) {
    case QueueName.Rollup:
      return `${payload.unitCode}__${payload.periodId}`;
    default:
      throw new Error(`no job id rule for queue ${String(queue)}`);
  }
}

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { count: 1000 },
  // Failed jobs stay for inspection (Bull Board, /api/health).
  removeOnFail: false,
};

/** Retry schedule of the in-process driver, mirroring DEFAULT_JOB_OPTIONS. */
export const IN_PROCESS_ATTEMPTS = 6;
export const IN_PROCESS_BACKOFF_MS = 500;
