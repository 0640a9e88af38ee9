import { Injectable } from '@nestjs/common';
import { HealthCheckError, HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { RollupState } from '../rollups/entities/rollup-state.entity';
import type { QueueHealth } from '../../queue/queue.service';

/** Why the system serves but something is off: shown in health with status "degraded" (still HTTP 200). */
export interface DegradedReason {
  component: string;
  message: string;
  messageEn: string;
}

/** How many failed rollups health names (the count is always complete). */
const FAILED_SAMPLE = 5;

/**
 * The checks behind /api/health. A dependency that does not answer (database, Redis) is "down" (503);
 * no live worker, or a rollup that keeps failing, leaves the API usable and is reported as degraded.
 */
@Injectable()
export class HealthChecksService {
  constructor(
    private readonly db: TypeOrmHealthIndicator,
    private readonly dataSource: DataSource,
  ) {}

  async database(): Promise<HealthIndicatorResult> {
    const r = await this.db.pingCheck('database', { timeout: 3000 });
    return { database: { ...r['database'], status: r['database'].status, driver: this.dataSource.options.type } };
  }

  async queueUp(q: QueueHealth): Promise<HealthIndicatorResult> {
    // Host names and pids of the workers stay out of this public endpoint; the workers check gives their count.
    const { liveWorkers: _hidden, ...shown } = q;
    const result = { queue: { status: q.up ? ('up' as const) : ('down' as const), ...shown } };
    if (!q.up) throw new HealthCheckError('queue down', result);
    return Promise.resolve(result);
  }

  /** Heartbeats: BullMQ workers write one in Redis with a TTL; the in-process driver is its own worker. */
  workers(q: QueueHealth, degraded: DegradedReason[]): HealthIndicatorResult {
    if (!q.up) return { workers: { status: 'up', alive: null, note: 'unknown while the queue is down' } };
    if (q.liveWorkers.length === 0) {
      degraded.push({
        component: 'workers',
        message: 'Không có tiến trình xử lý nền (worker) nào đang chạy: số liệu tổng hợp sẽ không được cập nhật cho tới khi có worker.',
        messageEn: 'No worker process is alive: rollups wait until one runs (npm run worker, or RUN_WORKERS=true).',
      });
    }
    return { workers: { status: 'up', alive: q.liveWorkers.length } };
  }

  /**
   * Rollups that failed and are still owed. Reads only rollup_state's existing columns: a `failed_at`
   * marking when the schema has one, else "has failed and is still dirty".
   */
  async rollups(degraded: DegradedReason[]): Promise<HealthIndicatorResult> {
    const meta = this.dataSource.getMetadata(RollupState);
    const failedAt = meta.findColumnWithDatabaseName('failed_at');
    const qb = this.dataSource.getRepository(RollupState).createQueryBuilder('s');
    if (failedAt) qb.where(`s.${failedAt.propertyName} IS NOT NULL`);
    else qb.where('s.failures > 0').andWhere('s.dirty = :d', { d: true });
    let rows: RollupState[];
    let failed: number;
    try {
      [rows, failed] = await qb.orderBy('s.requestedAt', 'ASC').take(FAILED_SAMPLE).getManyAndCount();
    } catch (e) {
      // The database check names the outage; this one only cannot tell.
      return { rollups: { status: 'up', failed: null, note: `unknown: ${(e as Error).message}` } };
    }
    if (failed > 0) {
      degraded.push({
        component: 'rollups',
        message: `${failed} bản tổng hợp bị lỗi và chưa được tính lại (ví dụ ${rows[0].unitCode}/${rows[0].periodId}: ${rows[0].lastError ?? 'không rõ lỗi'}).`,
        messageEn: `${failed} rollup(s) failed and are still owed (e.g. ${rows[0].unitCode}/${rows[0].periodId}: ${rows[0].lastError ?? 'unknown error'}).`,
      });
    }
    return {
      rollups: {
        status: 'up',
        failed,
        examples: rows.map((r) => ({ unitCode: r.unitCode, periodId: r.periodId, failures: r.failures, lastError: r.lastError })),
      },
    };
  }
}
