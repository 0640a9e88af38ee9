import { Module } from '@nestjs/common';
import { PeriodsController } from './periods.controller';
import { PeriodsModule } from './periods.module';

/** The periods routes, apart from the module so a worker process never builds them (see worker.module.ts). */
@Module({
  imports: [PeriodsModule],
  controllers: [PeriodsController],
  exports: [PeriodsModule],
})
export class PeriodsHttpModule {}
