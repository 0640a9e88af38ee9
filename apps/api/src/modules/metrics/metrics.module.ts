import { Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** Prometheus metrics of this process; the HTTP side (hook, /metrics) is registered by app.factory / worker.ts. */
@Module({
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
