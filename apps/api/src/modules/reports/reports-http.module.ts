import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UnitsModule } from '../units/units.module';
import { PeriodsModule } from '../periods/periods.module';
import { ReportsController } from './reports.controller';
import { ReportsModule } from './reports.module';
import { SubmissionsController } from './submissions.controller';

/** The reports' routes (the form, the workflow, the submissions board), apart so a worker never builds them. */
@Module({
  imports: [ReportsModule, UnitsModule, PeriodsModule, AuditModule],
  controllers: [ReportsController, SubmissionsController],
  exports: [ReportsModule],
})
export class ReportsHttpModule {}
