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

/** What /api/health/ready answers: 200 with status "ok" when every check is up, else 503 with status "error". */
export interface ReadyBody {
  status: 'ok' | 'error';
  checks: Partial<Record<'database' | 'migrations' | 'queue', { status: 'up' | 'down'; error?: string }>>;
}

/** A readiness probe must answer within an orchestrator's timeout even when the database hangs. */
const READY_TIMEOUT_MS = 2000;

function withDeadline<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
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

  /** Readiness: the database answers (bounded) and no migration of this release is pending. */
  async ready(queueUp: () => Promise<{ up: boolean; error?: string }>): Promise<ReadyBody> {
    const checks: ReadyBody['checks'] = {};
    try {
      await withDeadline(this.dataSource.query('SELECT 1'), READY_TIMEOUT_MS, 'database did not answer');
      checks.database = { status: 'up' };
      try {
        const pending = await withDeadline(this.dataSource.showMigrations(), READY_TIMEOUT_MS, 'migration check timed out');
        checks.migrations = pending ? { status: 'down', error: 'migrations pending: run npm run db:migrate' } : { status: 'up' };
      } catch (e) {
        checks.migrations = { status: 'down', error: (e as Error).message };
      }
    } catch (e) {
      checks.database = { status: 'down', error: (e as Error).message };
      checks.migrations = { status: 'down', error: 'unknown while the database is down' };
    }
    const q = await queueUp().catch((e: Error) => ({ up: false, error: e.message }));
    checks.queue = q.up ? { status: 'up' } : { status: 'down', error: q.error ?? 'unreachable' };
    const ok = Object.values(checks).every((c) => c.status === 'up');
    return { status: ok ? 'ok' : 'error', checks };
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
