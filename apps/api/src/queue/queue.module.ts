import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullBoardService } from './bull-board.service';
import { JobQueueService } from './queue.service';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [JobQueueService, BullBoardService],
  exports: [JobQueueService],
})
export class QueueModule {}
