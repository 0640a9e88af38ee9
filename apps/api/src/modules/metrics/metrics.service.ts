import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { dateOrNull } from '../../database/columns';
import { JobStats } from '../../queue/job-stats';
import { JobQueueService } from '../../queue/queue.service';
import { ReportReader } from '../reports/report.reader';
import { RollupState } from '../rollups/entities/rollup-state.entity';

/** A period counts as open until this many days after its deadline (late reports and reviews go on). */
export const OPEN_PERIOD_GRACE_DAYS = 31;

/**
 * Prometheus metrics of one process (prom-client, a registry per process so tests can run several):
 * request durations, login failures and import durations as they happen; queue depth, rollup lag,
 * failed rollups and reports by status read from Redis and the database at each scrape.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'cchc_http_request_duration_seconds',
    help: 'HTTP request duration by method, route (the route pattern, not the URL) and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly loginFailures = new Counter({
    name: 'cchc_login_failures_total',
    help: 'Refused logins: wrong credentials (401) or a throttled address or locked account (429)',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  private readonly importDuration = new Histogram({
    name: 'cchc_import_duration_seconds',
    help: 'Duration of import requests (CSV/XLSX), by outcome: import (answered), dry_run (answered), refused (4xx/5xx)',
    labelNames: ['outcome'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueueService,
    private readonly reports: ReportReader,
    jobStats: JobStats,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'cchc_' });
    this.registry.setDefaultLabels({ role: config.runWorkers ? 'api+worker' : 'api' });
    this.scrapeGauges();
    this.jobRegistry = jobStats.registry;
  }

  private readonly jobRegistry: Registry;

  /** The text Prometheus scrapes: this process's metrics and its workers' job metrics. */
  async render(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([this.registry, this.jobRegistry]);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  loginRefused(reason: 'invalid_credentials' | 'throttled'): void {
    this.loginFailures.inc({ reason });
  }

  observeImport(outcome: 'import' | 'dry_run' | 'refused', seconds: number): void {
    this.importDuration.observe({ outcome }, seconds);
  }

  /** Gauges computed when scraped: a failing source leaves its gauge empty rather than failing the scrape. */
  private scrapeGauges(): void {
    const queue = this.queue;
    const ds = this.dataSource;
    const reports = this.reports;
    new Gauge({
      name: 'cchc_queue_jobs',
      help: 'Jobs in each queue by state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const h = await queue.health();
        for (const [name, c] of Object.entries(h.queues)) {
          for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.set({ queue: name, state }, c[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'cchc_queue_up',
      help: '1 when the job queue (Redis, or in-process) answers',
      registers: [this.registry],
      async collect() {
        this.set((await queue.reachable()).up ? 1 : 0);
      },
    });
    new Gauge({
      name: 'cchc_rollup_lag_seconds',
      help: 'Age of the oldest change not yet in its summary (dirty rollup_state rows, from when each became owed, not its latest request); 0 when every summary is current',
      registers: [this.registry],
      async collect() {
        const row = await ds
          .getRepository(RollupState)
          .createQueryBuilder('s')
          // dirty_since, not requested_at: a unit re-marked by every approval must show its lag growing.
          .select('MIN(COALESCE(s.dirtySince, s.requestedAt))', 'oldest')
          .where('s.dirty = :d', { d: true })
          .getRawOne<{ oldest: string | Date | null }>();
        const oldest = row?.oldest ? asDate(row.oldest) : null;
        this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
      },
    });
    new Gauge({
      name: 'cchc_rollup_dirty',
      help: 'Summaries owed (dirty rollup_state rows)',
      registers: [this.registry],
      async collect() {
        this.set(await ds.getRepository(RollupState).count({ where: { dirty: true } }));
      },
    });
    new Gauge({
      name: 'cchc_rollups_failed',
      help: 'Rollups whose last attempt failed and that are still owed',
      registers: [this.registry],
      async collect() {
        const n = await ds
          .getRepository(RollupState)
          .createQueryBuilder('s')
          .where('s.dirty = :d', { d: true })
          .andWhere('(s.failedAt IS NOT NULL OR s.failures > 0)')
          .getCount();
        this.set(n);
      },
    });
    new Gauge({
      name: 'cchc_reports',
      help: `Reports by period and status, for the open periods (deadline not more than ${OPEN_PERIOD_GRACE_DAYS} days ago)`,
      labelNames: ['period', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const since = new Date(Date.now() - OPEN_PERIOD_GRACE_DAYS * 86_400_000).toISOString().slice(0, 10);
        for (const r of await reports.countsByStatus(since)) this.set({ period: r.period, status: r.status }, r.n);
      },
    });
  }
}

function asDate(v: string | Date): Date {
  return dateOrNull.from(v) as Date;
}
