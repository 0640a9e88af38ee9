import { Module } from '@nestjs/common';
import { FiguresModule } from '../../figures/figures.module';
import { PeriodsModule } from '../../periods/periods.module';
import { ReportsModule } from '../../reports/reports.module';
import { UnitsModule } from '../../units/units.module';
import { ReportDocumentService } from '../documents/report-document.service';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

@Module({
  imports: [UnitsModule, PeriodsModule, ReportsModule, FiguresModule],
  controllers: [ExportsController],
  providers: [ExportsService, ReportDocumentService],
})
export class ExportsModule {}
