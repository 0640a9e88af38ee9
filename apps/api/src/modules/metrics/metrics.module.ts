import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { MetricsService } from './metrics.service';

/** Prometheus metrics of this process; the HTTP side (hook, /metrics) is registered by app.factory / worker.ts. */
@Module({
  // Reports by status are read through the reports module's reader.
  imports: [ReportsModule],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
