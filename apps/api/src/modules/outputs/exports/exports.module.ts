import { Module } from '@nestjs/common';
import { LineageModule } from '../../lineage/lineage.module';
import { PeriodsModule } from '../../periods/periods.module';
import { RankingsModule } from '../../figures/rankings/rankings.module';
import { UnitsModule } from '../../units/units.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { PivotDataService } from './pivot-data.service';
import { ReportDocumentService } from '../documents/report-document.service';

@Module({
  imports: [UnitsModule, PeriodsModule, RankingsModule, LineageModule],
  controllers: [ExportsController],
  providers: [ExportsService, PivotDataService, ReportDocumentService],
})
export class ExportsModule {}
