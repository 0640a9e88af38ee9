import { SetMetadata } from '@nestjs/common';
import type { JobPayloads, QueueName } from './queue.constants';

export const JOB_PROCESSOR = Symbol('JOB_PROCESSOR');

export interface JobContext {
  /** 1 for the first try. */
  attempt: number;
  jobId: string;
}

/** A processor handles the jobs of one queue, whether they come from BullMQ or the in-process driver. */
export interface JobProcessorHost<Q extends QueueName> {
  process(payload: JobPayloads[Q], ctx: JobContext): Promise<void>;
  /** Called once a job has used up its attempts, with the last error. */
  onFailed?(payload: JobPayloads[Q], error: Error): Promise<void>;
}

export const JobProcessor = (queue: QueueName): ClassDecorator => SetMetadata(JOB_PROCESSOR, queue);
