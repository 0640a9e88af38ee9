import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../../common/auth/auth.decorators';
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
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Database, queue, workers and rollups: 503 naming the dependency that is down; "degraded" (200) with reasons when no worker is alive or a rollup failed',
  })
  async check(): Promise<HealthBody> {
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
