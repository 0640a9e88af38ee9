import { Module } from '@nestjs/common';
import { AuthEventsController } from './auth-events.controller';
import { AuditModule } from './audit.module';

/** The audit routes, apart from the module so a worker process never builds them (see worker.module.ts). */
@Module({
  imports: [AuditModule],
  controllers: [AuthEventsController],
  exports: [AuditModule],
})
export class AuditHttpModule {}
