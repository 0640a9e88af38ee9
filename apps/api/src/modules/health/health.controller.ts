import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../common/auth/auth.decorators';
import { JobQueueService } from '../../queue/queue.service';
import { DataSource } from 'typeorm';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly queue: JobQueueService,
    private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Database and queue state (503 when one is down)' })
  check() {
    return this.health.check([
      async (): Promise<HealthIndicatorResult> => {
        const r = await this.db.pingCheck('database', { timeout: 3000 });
        return { database: { ...r['database'], status: r['database']!.status, driver: this.dataSource.options.type } };
      },
      async (): Promise<HealthIndicatorResult> => {
        const q = await this.queue.health();
        const result = { queue: { status: q.up ? ('up' as const) : ('down' as const), ...q } };
        if (!q.up) {
          const { HealthCheckError } = await import('@nestjs/terminus');
          throw new HealthCheckError('queue down', result);
        }
        return result;
      },
    ]);
  }
}
