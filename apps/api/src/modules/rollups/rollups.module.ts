import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RollupState } from './entities/rollup-state.entity';
import { Summary } from './entities/summary.entity';
import { SummaryCoverage } from './entities/summary-coverage.entity';
import { RollupOutboxService } from './rollup-outbox.service';

@Module({
  imports: [TypeOrmModule.forFeature([Summary, SummaryCoverage, RollupState])],
  providers: [RollupOutboxService],
  exports: [RollupOutboxService],
})
export class RollupsModule {}
