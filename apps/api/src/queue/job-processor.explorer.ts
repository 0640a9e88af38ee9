import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JOB_PROCESSOR, JobProcessorHost } from './job-processor.decorator';
import { QueueName } from './queue.constants';

export class MissingProcessorError extends Error {}

/** Finds the @JobProcessor classes among the providers of the running application. */
@Injectable()
export class JobProcessorExplorer {
  constructor(private readonly discovery: DiscoveryService) {}

  /** Processors by queue; two for one queue is a wiring mistake, refused. */
  explore(): Map<QueueName, JobProcessorHost<QueueName>> {
    const found = new Map<QueueName, JobProcessorHost<QueueName>>();
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const queue = Reflect.getMetadata(JOB_PROCESSOR, wrapper.metatype) as QueueName | undefined;
      if (!queue) continue;
      const host = wrapper.instance as JobProcessorHost<QueueName>;
      const other = found.get(queue);
      if (other && other !== host) {
        throw new Error(`Queue "${queue}" has two @JobProcessor classes (${other.constructor.name}, ${wrapper.metatype.name}): keep one`);
      }
      found.set(queue, host);
    }
    return found;
  }

  /**
   * For a process that runs workers: every queue must have its processor, or its jobs would be
   * taken and lost (in-process) or pile up unseen (BullMQ). Refuse to start instead.
   */
  exploreAll(): Map<QueueName, JobProcessorHost<QueueName>> {
    const found = this.explore();
    const missing = Object.values(QueueName).filter((q) => !found.has(q));
    if (missing.length) {
      throw new MissingProcessorError(
        `No @JobProcessor for queue(s) ${missing.map((q) => `"${q}"`).join(', ')} in a process that runs workers: ` +
          'import the module that provides it, or run this process with RUN_WORKERS=false (BullMQ only)',
      );
    }
    return found;
  }
}
