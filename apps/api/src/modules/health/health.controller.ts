import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../../common/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobQueueService } from '../../queue/queue.service';
import { LiveResponseDto, ReadyResponseDto } from './dto/health-probe.dto';
import { DegradedReason, HealthChecksService, ReadyBody } from './health-checks.service';

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

  /** Liveness for orchestrators: the process serves HTTP. Never touches a dependency, so a database outage does not restart it. */
  @Public()
  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: 200 while the process serves requests (checks no dependency)' })
  @ApiOkResponse({ type: LiveResponseDto })
  live(): { status: 'ok'; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Readiness for orchestrators and load balancers: send traffic here only while this is 200. */
  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when the database answers, no migration is pending and the queue is reachable; 503 naming the failing check otherwise' })
  @ApiOkResponse({ type: ReadyResponseDto })
  @ApiServiceUnavailableResponse({ type: ReadyResponseDto, description: 'A check is down (Retry-After: 5)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadyBody> {
    const body = await this.checks.ready(() => this.queue.reachable());
    if (body.status !== 'ok') void reply.status(503).header('retry-after', '5');
    return body;
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
