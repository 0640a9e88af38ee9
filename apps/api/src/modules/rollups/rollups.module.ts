import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PeriodsModule } from '../periods/periods.module';
import { ReportsModule } from '../reports/reports.module';
import { UnitsModule } from '../units/units.module';
import { RollupState } from './entities/rollup-state.entity';
import { Summary } from './entities/summary.entity';
import { SummaryCoverage } from './entities/summary-coverage.entity';
import { RollupProcessor } from './jobs/rollup.processor';
import { RollupOutboxModule } from './rollup-outbox.module';
import { RollupPassService } from './rollup-pass.service';
import { RollupReconcilerService } from './rollup-reconciler.service';
import { RollupStateRepository } from './rollup-state.repository';
import { RollupsService } from './rollups.service';
import { SummaryWriter } from './summary.writer';

/**
 * The rollup pipeline: the outbox, the reconciler, the job and its passes, rollup_state, and the writer of
 * summaries and stored scores. It serves no HTTP reads (the figures module does), so a worker loads it whole.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Summary, SummaryCoverage, RollupState]), RollupOutboxModule, ReportsModule, UnitsModule, PeriodsModule],
  providers: [RollupsService, RollupPassService, RollupStateRepository, RollupProcessor, RollupReconcilerService, SummaryWriter],
  exports: [RollupOutboxModule, RollupsService, RollupPassService, RollupStateRepository],
})
export class RollupsModule {}
