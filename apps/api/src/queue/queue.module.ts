import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BullMqQueueDriver } from './bullmq-queue.driver';
import { InProcessQueueDriver } from './in-process-queue.driver';
import { JobProcessorExplorer } from './job-processor.explorer';
import { JobStats } from './job-stats';
import { JobWorkersService } from './job-workers.service';
import { QUEUE_DRIVER, QueueDriver } from './queue-driver';
import { QUEUE_OPTIONS, QUEUE_OPTIONS_TABLE, QueueOptionsTable } from './queue.constants';
import { JobQueueService } from './queue.service';

/** The driver is chosen here, once: REDIS_URL set → BullMQ, else in-process. */
function createDriver(config: AppConfig, options: QueueOptionsTable): QueueDriver {
  return config.redisUrl
    ? new BullMqQueueDriver({ redisUrl: config.redisUrl, prefix: config.queuePrefix, defaultConcurrency: config.workerConcurrency }, options)
    : new InProcessQueueDriver(options, config.workerConcurrency);
}

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    { provide: QUEUE_OPTIONS_TABLE, useValue: QUEUE_OPTIONS },
    { provide: QUEUE_DRIVER, inject: [APP_CONFIG, QUEUE_OPTIONS_TABLE], useFactory: createDriver },
    JobProcessorExplorer,
    JobQueueService,
    JobWorkersService,
    { provide: JobStats, useFactory: () => new JobStats() },
  ],
  exports: [JobQueueService, JobStats],
})
export class QueueModule {}
