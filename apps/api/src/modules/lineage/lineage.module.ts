import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { TemplatesModule } from '../templates/templates.module';
import { UnitsModule } from '../units/units.module';
import { CurrentTreeHistoryService } from '../figures/current-tree/current-tree-history.service';
import { LineageUnmatched } from './entities/lineage-unmatched.entity';
import { UnitLineage } from './entities/unit-lineage.entity';
import { HistoryExportsService } from '../outputs/exports/history-exports.service';
import { HistoryRankingsService } from '../figures/current-tree/history-rankings.service';
import { HistorySummariesService } from '../figures/current-tree/history-summaries.service';
import { LineageLoaderService } from './lineage-loader.service';
import { LineageController } from './lineage.controller';
import { LineageService } from './lineage.service';

/**
 * Lineage between official trees. Its own module, not inside units: history reads reports, and reports
 * depend on units, so units must not depend back on reports. The `?tree=current` views of summaries,
 * rankings and exports live here too, so those modules only import this one.
 */
@Module({
  imports: [UnitsModule, TemplatesModule, TypeOrmModule.forFeature([AdminUnit, UnitLineage, LineageUnmatched])],
  controllers: [LineageController],
  providers: [LineageService, LineageLoaderService, CurrentTreeHistoryService, HistorySummariesService, HistoryRankingsService, HistoryExportsService],
  exports: [LineageService, LineageLoaderService, CurrentTreeHistoryService, HistorySummariesService, HistoryRankingsService, HistoryExportsService],
})
export class LineageModule {}
