import { Module } from '@nestjs/common';
import { FiguresModule } from '../../figures/figures.module';
import { LineageModule } from '../../lineage/lineage.module';
import { PeriodsModule } from '../../periods/periods.module';
import { ReportsModule } from '../../reports/reports.module';
import { UnitsModule } from '../../units/units.module';
import { ReportDocumentService } from '../documents/report-document.service';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { HistoryExportsService } from './history-exports.service';
import { PivotDataService } from './pivot-data.service';

@Module({
  imports: [UnitsModule, PeriodsModule, ReportsModule, FiguresModule, LineageModule],
  controllers: [ExportsController],
  providers: [ExportsService, PivotDataService, ReportDocumentService, HistoryExportsService],
})
export class ExportsModule {}
