import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnqueueOptions, JobQueueService } from '../../queue/queue.service';
import { JobTrace, QueueName } from '../../queue/queue.constants';
import { isMysql } from '../../database/write-transaction';
import { ReportChangeSink } from '../reports/report-change.sink';
import { UnitsService } from '../units/units.service';
import { RollupState } from './entities/rollup-state.entity';
import { rollupJobUnit } from './sibling-batch';

/**
 * The write side of "never lose an update": whoever changes a rollup's inputs marks the unit stale
 * in the same transaction (markStale), then asks for the job after commit (kick). If Redis is down
 * at that moment, or the worker dies, the row stays dirty and the reconciler enqueues it later.
 */
/** A new row: requested once, nothing done, dirty since now. */
const STALE_COLUMNS = ['unit_code', 'period_id', 'requested_seq', 'done_seq', 'dirty', 'requested_at', 'dirty_since', 'done_at', 'failures', 'last_error'];

@Injectable()
export class RollupOutboxService implements ReportChangeSink {
  private readonly logger = new Logger('RollupOutbox');

  constructor(
    private readonly queue: JobQueueService,
    private readonly units: UnitsService,
  ) {}

  /**
   * Inside the caller's transaction: `unitCode`'s summary for `periodId` must be recomputed.
   * One atomic upsert: an update-then-insert would race, and swallowing the insert's error could
   * hide a deadlock that had already rolled back the caller's transaction (and so its report).
   */
  async markStale(em: EntityManager, unitCode: string, periodId: string): Promise<void> {
    // Written out, not built by TypeORM's query builder: every approval and every pass asks for it.
    const driver = em.connection.driver;
    const e = (c: string) => driver.escape(c);
    const now = driver.preparePersistentValue(new Date(), em.connection.getMetadata(RollupState).findColumnWithPropertyName('requestedAt')!) as unknown;
    const sql = `INSERT INTO ${e('rollup_state')} (${STALE_COLUMNS.map(e).join(', ')}) VALUES (?, ?, 1, 0, 1, ?, ?, NULL, 0, NULL)`;
    // dirty_since keeps the oldest owed change: set only when the row turns dirty (MySQL assigns left to
    // right, so it is computed before `dirty` changes; SQLite reads the old row throughout).
    const onConflict = isMysql(em)
      ? ' ON DUPLICATE KEY UPDATE dirty_since = CASE WHEN dirty = 1 AND dirty_since IS NOT NULL THEN dirty_since ELSE VALUES(requested_at) END,' +
        ' requested_seq = requested_seq + 1, dirty = 1, requested_at = VALUES(requested_at)'
      : ' ON CONFLICT (unit_code, period_id) DO UPDATE SET dirty_since = CASE WHEN dirty = 1 AND dirty_since IS NOT NULL THEN dirty_since ELSE excluded.requested_at END,' +
        ' requested_seq = requested_seq + 1, dirty = 1, requested_at = excluded.requested_at';
    await em.query(sql + onConflict, [unitCode, periodId, now, now]);
  }

  /**
   * After commit: best effort. A failure here loses nothing, the row is still dirty. `requestId`: the
   * request this rollup serves, handed on by a job that asks for the next hop (else the current request's).
   * The job asked for is the family's that settles the unit (rollupJobUnit): a district's is its province's.
   */
  async kick(unitCode: string, periodId: string, opts: EnqueueOptions & JobTrace = {}): Promise<boolean> {
    const { requestId, ...enqueue } = opts;
    try {
      const jobUnit = await this.jobUnitOf(unitCode);
      await this.queue.enqueue(QueueName.Rollup, { unitCode: jobUnit, periodId, ...(requestId ? { requestId } : {}) }, enqueue);
      return true;
    } catch (e) {
      this.logger.warn(`could not enqueue rollup ${unitCode}/${periodId} (${(e as Error).message}); the reconciler will`);
      return false;
    }
  }

  /** The unit whose job settles `unitCode`'s rollup (rollupJobUnit; the unit's row is cached by UnitsService). */
  async jobUnitOf(unitCode: string): Promise<string> {
    return rollupJobUnit(unitCode, await this.units.resolve(unitCode));
  }
}
