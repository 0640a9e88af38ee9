import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LineageModule } from '../lineage/lineage.module';
import { PeriodsModule } from '../periods/periods.module';
import { UnitsModule } from '../units/units.module';
import { RollupState } from './entities/rollup-state.entity';
import { Summary } from './entities/summary.entity';
import { SummaryCoverage } from './entities/summary-coverage.entity';
import { RollupProcessor } from './jobs/rollup.processor';
import { RollupOutboxService } from './rollup-outbox.service';
import { RollupReconcilerService } from './rollup-reconciler.service';
import { RollupsController } from '../figures/rollup-failures/rollup-failures.controller';
import { RollupsService } from './rollups.service';
import { SummariesController } from '../figures/summaries/summaries.controller';
import { SummariesService } from '../figures/summaries/summaries.service';
import { SummaryWriter } from './summary.writer';

@Module({
  imports: [TypeOrmModule.forFeature([Summary, SummaryCoverage, RollupState]), UnitsModule, PeriodsModule, LineageModule],
  controllers: [SummariesController, RollupsController],
  providers: [RollupOutboxService, RollupsService, RollupProcessor, RollupReconcilerService, SummariesService, SummaryWriter],
  exports: [RollupOutboxService, RollupsService],
})
export class RollupsModule {}
