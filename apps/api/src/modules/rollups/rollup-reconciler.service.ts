import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobQueueService } from '../../queue/queue.service';
import { QueueName } from '../../queue/queue.constants';
import { RollupOutboxService } from './rollup-outbox.service';
import { RollupStateRepository } from './rollup-state.repository';

/** A dirty row younger than this most likely has its job in flight already. */
const GRACE_MS = 1000;

/**
 * The safety net of the outbox: every RECONCILE_INTERVAL_MS (and once at start-up) it enqueues the
 * rollups that are owed — requested while Redis was down, or whose worker died, or that failed.
 * Enqueueing is deduplicated per unit × period, so several processes may reconcile at once.
 */
@Injectable()
export class RollupReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RollupReconciler');
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly state: RollupStateRepository,
    private readonly queue: JobQueueService,
    private readonly outbox: RollupOutboxService,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.registerBacklog(QueueName.Rollup, () => this.state.backlog());
    const every = this.config.reconcileIntervalMs;
    if (every <= 0) return;
    this.timer = setInterval(() => void this.reconcile(), every);
    this.timer.unref();
    setImmediate(() => void this.reconcile());
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Enqueues every owed rollup's job; returns how many jobs were asked for. */
  async reconcile(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let n = 0;
    try {
      const owed = await this.state.owed(new Date(Date.now() - Math.min(GRACE_MS, this.config.reconcileIntervalMs || GRACE_MS)));
      // One job per family (rollupJobUnit): a province with 30 owed districts is one enqueue. The units are
      // looked up together (one query for the cache's misses).
      const jobUnits = await Promise.all(owed.map((o) => this.outbox.jobUnitOf(o.unitCode)));
      const jobs = new Map(owed.map((o, i) => [`${jobUnits[i]}\n${o.periodId}`, { unitCode: jobUnits[i], periodId: o.periodId }]));
      for (const job of jobs.values()) {
        if (!this.timer && this.config.reconcileIntervalMs > 0) break; // shutting down
        await this.queue.enqueue(QueueName.Rollup, job);
        n++;
      }
      if (n) this.logger.log(`enqueued ${n} owed rollup(s)`);
    } catch (e) {
      this.logger.warn(`reconcile round failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
    return n;
  }
}
