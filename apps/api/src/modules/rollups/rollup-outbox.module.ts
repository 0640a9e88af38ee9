import { Global, Module } from '@nestjs/common';
import { ReportChangeSink } from '../reports/report-change.sink';
import { UnitsModule } from '../units/units.module';
import { RollupOutboxService } from './rollup-outbox.service';

/**
 * The outbox, global: the reports module announces changes through ReportChangeSink without importing
 * the rollups (which read reports), and this module answers that token with the outbox.
 */
@Global()
@Module({
  imports: [UnitsModule],
  providers: [RollupOutboxService, { provide: ReportChangeSink, useExisting: RollupOutboxService }],
  exports: [RollupOutboxService, ReportChangeSink],
})
export class RollupOutboxModule {}
