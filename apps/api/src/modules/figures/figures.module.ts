import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LineageModule } from '../lineage/lineage.module';
import { PeriodsModule } from '../periods/periods.module';
import { ReportsModule } from '../reports/reports.module';
import { RollupsModule } from '../rollups/rollups.module';
import { TemplatesModule } from '../templates/templates.module';
import { UnitsModule } from '../units/units.module';
import { RollupState } from '../rollups/entities/rollup-state.entity';
import { Summary } from '../rollups/entities/summary.entity';
import { SummaryCoverage } from '../rollups/entities/summary-coverage.entity';
import { CurrentTreeHistoryService } from './current-tree/current-tree-history.service';
import { CurrentTreeFigureSource } from './figure-source/current-tree.figure-source';
import { FigureSources } from './figure-source/figure-sources';
import { ReportedFigureSource } from './figure-source/reported.figure-source';
import { UnitHistoryController } from './current-tree/unit-history.controller';
import { RankingsController } from './rankings/rankings.controller';
import { RankingRowsService } from './rankings/ranking-rows.service';
import { RankingTagsService } from './rankings/ranking-tags.service';
import { RankingsService } from './rankings/rankings.service';
import { ScoreBreakdownService } from './rankings/score-breakdown.service';
import { RollupFailuresController } from './rollup-failures/rollup-failures.controller';
import { RollupFailuresService } from './rollup-failures/rollup-failures.service';
import { SummariesController } from './summaries/summaries.controller';
import { SummariesService } from './summaries/summaries.service';

/**
 * The figures: what is read from the rollups' stored summaries and scores — summaries, comparisons,
 * rankings, the admin's failed rollups. Summaries, rankings and the outputs' pivot read through a
 * FigureSource (figure-source/): as reported, or `?tree=current` (an old period re-aggregated onto
 * today's units through the lineage). Reads only; the rollups module writes what it reads.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Summary, SummaryCoverage, RollupState]), RollupsModule, ReportsModule, UnitsModule, PeriodsModule, TemplatesModule, LineageModule],
  controllers: [SummariesController, RankingsController, RollupFailuresController, UnitHistoryController],
  providers: [
    SummariesService,
    RankingsService,
    RankingTagsService,
    RankingRowsService,
    ScoreBreakdownService,
    RollupFailuresService,
    CurrentTreeHistoryService,
    ReportedFigureSource,
    CurrentTreeFigureSource,
    FigureSources,
  ],
  exports: [SummariesService, RankingsService, FigureSources],
})
export class FiguresModule {}
