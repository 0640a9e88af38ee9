import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

/**
 * The outbox of the rollup pipeline. A change to a unit's inputs bumps `requestedSeq` in the same
 * transaction as the change; a rollup that finishes records the seq it started from in `doneSeq`.
 * requestedSeq > doneSeq means "stale": the reconciler re-enqueues it even if Redis was down at commit time.
 */
@Entity('rollup_state')
@Index(['dirty'])
export class RollupState {
  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 10 })
  unitCode: string;

  @PrimaryColumn({ name: 'period_id', type: 'varchar', length: 8 })
  periodId: string;

  @Column({ name: 'requested_seq', type: 'int' })
  requestedSeq: number;

  @Column({ name: 'done_seq', type: 'int' })
  doneSeq: number;

  /** requestedSeq > doneSeq, kept as a column so the reconciler's scan is an index lookup. */
  @Column({ type: 'boolean' })
  dirty: boolean;

  @Column({ name: 'requested_at', type: 'datetime', transformer: dateOrNull })
  requestedAt: Date;

  /**
   * While dirty: when the oldest change the summary does not hold yet was made (set when the row turns
   * dirty, kept by later requests, moved to the pass's read time when a pass leaves newer requests
   * owed); null when clean. The rollup lag is measured from it, not from requestedAt (the latest request).
   */
  @Column({ name: 'dirty_since', type: 'datetime', nullable: true, transformer: dateOrNull })
  dirtySince: Date | null;

  @Column({ name: 'done_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  doneAt: Date | null;

  @Column({ type: 'int', default: 0 })
  failures: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** When the last attempt failed: the reconciler waits longer after each failure (rollupRetryDelayMs). */
  @Column({ name: 'failed_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  failedAt: Date | null;
}
