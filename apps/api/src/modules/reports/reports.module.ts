import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { PeriodsModule } from '../periods/periods.module';
import { UnitsModule } from '../units/units.module';
import { ReportComment } from './entities/report-comment.entity';
import { ReportSnapshot } from './entities/report-snapshot.entity';
import { ReportValue } from './entities/report-value.entity';
import { Report } from './entities/report.entity';
import { ReportEvents } from './report-events';
import { ReportWorkflowService } from './report-workflow.service';
import { ReportReader } from './report.reader';
import { ReportStore } from './report.store';
import { ReportsService } from './reports.service';
import { SubmissionsService } from './submissions.service';

/**
 * Reports: the only writer (ReportStore, the workflow) and the only reader (ReportReader) of reports,
 * their values, snapshots, comments and audit. No routes here (ReportsHttpModule), so a worker can load
 * it. A change is announced through ReportChangeSink, which the rollups module provides.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Report, ReportValue, ReportComment, ReportSnapshot]), UnitsModule, PeriodsModule, AuditModule],
  providers: [ReportStore, ReportReader, ReportsService, ReportWorkflowService, SubmissionsService, ReportEvents],
  exports: [ReportStore, ReportReader, ReportsService, ReportWorkflowService, SubmissionsService, ReportEvents],
})
export class ReportsModule {}
