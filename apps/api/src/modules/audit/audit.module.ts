import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditService } from './audit.service';
import { AuthEventsService } from './auth-events.service';
import { AuditEntry } from './entities/audit-entry.entity';
import { AuthEvent } from './entities/auth-event.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry, AuthEvent])],
  providers: [AuditService, AuthEventsService],
  exports: [AuditService, AuthEventsService],
})
export class AuditModule {}
