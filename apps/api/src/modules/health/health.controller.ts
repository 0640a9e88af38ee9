import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../../common/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobQueueService } from '../../queue/queue.service';
import { DegradedReason, HealthChecksService } from './health-checks.service';

export type HealthBody = Omit<HealthCheckResult, 'status'> & { status: HealthCheckResult['status'] | 'degraded'; degraded?: DegradedReason[] };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly checks: HealthChecksService,
    private readonly queue: JobQueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The last check (its answer or its 503), shared by every request within HEALTH_CACHE_TTL_MS. */
  private last: { until: number; result: Promise<HealthBody> } | null = null;

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Database, queue, workers and rollups: 503 naming the dependency that is down; "degraded" (200) with reasons when no worker is alive or a rollup failed',
  })
  check(): Promise<HealthBody> {
    const now = Date.now();
    if (this.last && this.last.until > now) return this.last.result;
    const result = this.runChecks();
    if (this.config.healthCacheTtlMs > 0) this.last = { until: now + this.config.healthCacheTtlMs, result };
    return result;
  }

  private async runChecks(): Promise<HealthBody> {
    const degraded: DegradedReason[] = [];
    const q = this.queue.health();
    const result = await this.health.check([
      () => this.checks.database(),
      async () => this.checks.queueUp(await q),
      async () => this.checks.workers(await q, degraded),
      () => this.checks.rollups(degraded),
    ]);
    return degraded.length ? { ...result, status: 'degraded', degraded } : result;
  }
}
