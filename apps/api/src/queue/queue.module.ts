import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueueService } from './queue.service';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [JobQueueService],
  exports: [JobQueueService],
})
export class QueueModule {}
