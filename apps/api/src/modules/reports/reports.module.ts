import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { PeriodsModule } from '../periods/periods.module';
import { RollupsModule } from '../rollups/rollups.module';
import { UnitsModule } from '../units/units.module';
import { ReportComment } from './entities/report-comment.entity';
import { ReportSnapshot } from './entities/report-snapshot.entity';
import { ReportValue } from './entities/report-value.entity';
import { Report } from './entities/report.entity';
import { ReportEvents } from './report-events';
import { ReportWorkflowService } from './report-workflow.service';
import { ReportStore } from './report.store';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Report, ReportValue, ReportComment, ReportSnapshot]), UnitsModule, PeriodsModule, AuditModule, RollupsModule],
  controllers: [ReportsController, SubmissionsController],
  providers: [ReportStore, ReportsService, ReportWorkflowService, SubmissionsService, ReportEvents],
  exports: [ReportStore, ReportsService, ReportEvents],
})
export class ReportsModule {}
