import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { NoticesModule } from './modules/notices/notices.module';
import { ParModule } from './modules/par/par.module';
import { RollupsModule } from './modules/rollups/rollups.module';
import { QueueModule } from './queue/queue.module';

/**
 * What `npm run worker` runs: configuration, database, queue, the rollup, PAR deadline and notices jobs and
 * its metrics. Each feature's routes live in its own *-http module, which only the API imports, so a worker
 * builds no controller and loads no output code (no HTTP server; only /metrics on METRICS_PORT when set).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), DatabaseModule, QueueModule, RollupsModule, ParModule, NoticesModule, MetricsModule],
    };
  }
}
