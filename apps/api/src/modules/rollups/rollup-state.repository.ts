import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { selectWhereIn } from '../../database/select-rows';
import { RollupState } from './entities/rollup-state.entity';

/** What a pass needs of a unit's row: what is asked for, and what is done. */
export interface RollupSeqs {
  requestedSeq: number;
  doneSeq: number;
}

type SeqRow = { unit_code: string; requested_seq: number | string; done_seq: number | string };
const SEQ_COLUMNS = ['unit_code', 'requested_seq', 'done_seq'];
const seqMap = (rows: SeqRow[]) => new Map(rows.map((r) => [r.unit_code, { requestedSeq: Number(r.requested_seq), doneSeq: Number(r.done_seq) }]));

/** The reconciler's wait after the n-th consecutive failure of a unit: 2 s, 4 s, 8 s … at most 15 min. */
export const rollupRetryDelayMs = (failures: number): number => Math.min(2 ** Math.min(failures, 20) * 1000, 15 * 60_000);

/**
 * The rollup bookkeeping (`rollup_state`): what is owed, what is done, what failed. The outbox
 * (RollupOutboxService) writes its requests; passes settle them here.
 */
@Injectable()
export class RollupStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(unitCode: string, periodId: string, db: EntityManager = this.dataSource.manager): Promise<RollupState | null> {
    return db.getRepository(RollupState).findOne({ where: { unitCode, periodId } });
  }

  /** The seqs of these units' rows (units without a row are left out): what a pass reads before its sources. */
  async seqsOf(periodId: string, unitCodes: string[], db: EntityManager = this.dataSource.manager): Promise<Map<string, RollupSeqs>> {
    return seqMap(await selectWhereIn<SeqRow>(db, 'rollup_state', SEQ_COLUMNS, { period_id: periodId }, 'unit_code', unitCodes));
  }

  /** Which of these units' rollups are owed: a family's job asks this of its children first. */
  async dirtyAmong(periodId: string, unitCodes: string[], db: EntityManager = this.dataSource.manager): Promise<string[]> {
    // Raw rows like seqsOf, and only the owed ones: a province's job of a single approval finds one of ~10.
    const rows = await selectWhereIn<{ unit_code: string }>(db, 'rollup_state', ['unit_code'], { period_id: periodId, dirty: 1 }, 'unit_code', unitCodes);
    return rows.map((r) => r.unit_code);
  }

  /** The seqs of a pass's units, their rows locked in key order (MySQL; SQLite has one writer at a time). */
  async lockForWrite(em: EntityManager, periodId: string, unitCodes: string[], lock: boolean): Promise<Map<string, RollupSeqs>> {
    const suffix = ` ORDER BY ${em.connection.driver.escape('unit_code')}${lock ? ' FOR UPDATE' : ''}`;
    return seqMap(await selectWhereIn<SeqRow>(em, 'rollup_state', SEQ_COLUMNS, { period_id: periodId }, 'unit_code', unitCodes, suffix));
  }

  /**
   * Records that the inputs up to `seq` are in the summary; returns whether newer requests wait.
   * `readAt`: when the pass read `seq`; a request still owed was committed after it, so the row stays
   * dirty since then (an upper bound of the lag, never an understatement).
   */
  async settle(em: EntityManager, unitCode: string, periodId: string, seq: number, current?: RollupSeqs | null, readAt = new Date()): Promise<boolean> {
    const now = new Date();
    const row = current === undefined ? await em.findOne(RollupState, { where: { unitCode, periodId } }) : current;
    if (!row) {
      // A job nobody asked for through the outbox (a manual or benchmark run): start the bookkeeping.
      await em
        .insert(RollupState, { unitCode, periodId, requestedSeq: seq, doneSeq: seq, dirty: false, requestedAt: now, doneAt: now, failures: 0, lastError: null })
        .catch(() => undefined);
      return false;
    }
    await em
      .createQueryBuilder()
      .update(RollupState)
      .set({
        doneSeq: seq,
        dirtySince: () => `CASE WHEN requested_seq > ${Number(seq)} THEN :readAt ELSE NULL END`,
        dirty: () => `CASE WHEN requested_seq > ${Number(seq)} THEN 1 ELSE 0 END`,
        doneAt: now,
        failures: 0,
        lastError: null,
        failedAt: null,
      })
      .where('unit_code = :unitCode AND period_id = :periodId AND done_seq <= :seq', { unitCode, periodId, seq })
      .setParameter('readAt', this.stamp(em, readAt))
      .execute();
    if (current) return current.requestedSeq > seq; // read under our row lock (SQLite: single writer)
    const after = await em.findOne(RollupState, { where: { unitCode, periodId } });
    return !!after && after.requestedSeq > after.doneSeq;
  }

  /**
   * settle for several units whose state rows this transaction holds locked, in one UPDATE per 300 (one
   * per unit was a tenth of a batch's write time): each row gets its own seq, and only if not already past it.
   */
  async settleLocked(em: EntityManager, periodId: string, passes: Array<{ unitCode: string; seq: number }>, readAt = new Date()): Promise<void> {
    for (let i = 0; i < passes.length; i += 300) await this.settleChunk(em, periodId, passes.slice(i, i + 300), readAt);
  }

  /** A datetime as the driver stores it (raw SQL binds no Date on SQLite). */
  private stamp(em: EntityManager, at: Date): unknown {
    return em.connection.driver.preparePersistentValue(at, em.connection.getMetadata(RollupState).findColumnWithPropertyName('doneAt')!) as unknown;
  }

  private async settleChunk(em: EntityManager, periodId: string, passes: Array<{ unitCode: string; seq: number }>, readAt: Date): Promise<void> {
    if (passes.length === 0) return;
    const esc = (c: string) => em.connection.driver.escape(c);
    const params: unknown[] = [];
    const whens = (then: string, ...extra: unknown[]) =>
      passes
        .map((p) => {
          params.push(p.unitCode, p.seq, ...extra);
          return `WHEN ? THEN ${then}`;
        })
        .join(' ');
    // In the order the SET clause reads them (the parameters are positional).
    const doneSeq = `CASE ${esc('unit_code')} ${whens('?')} END`;
    // Still owed after this pass: the owed requests came after it read its seq (see settle).
    const dirtySince = `CASE ${esc('unit_code')} ${whens(`CASE WHEN ${esc('requested_seq')} > ? THEN ? ELSE NULL END`, this.stamp(em, readAt))} END`;
    const dirty = `CASE ${esc('unit_code')} ${whens(`CASE WHEN ${esc('requested_seq')} > ? THEN 1 ELSE 0 END`)} END`;
    params.push(this.stamp(em, new Date()), periodId);
    const mine = passes.map((p) => {
      params.push(p.unitCode, p.seq);
      return `(${esc('unit_code')} = ? AND ${esc('done_seq')} <= ?)`;
    });
    await em.query(
      `UPDATE ${esc('rollup_state')} SET ${esc('done_seq')} = ${doneSeq}, ${esc('dirty_since')} = ${dirtySince}, ${esc('dirty')} = ${dirty}, ` +
        `${esc('done_at')} = ?, ${esc('failures')} = 0, ${esc('last_error')} = NULL, ${esc('failed_at')} = NULL ` +
        `WHERE ${esc('period_id')} = ? AND (${mine.join(' OR ')})`,
      params,
    );
  }

  /** A failed attempt stays visible (health, summaries) until a pass succeeds; the row stays dirty. */
  async recordFailure(unitCode: string, periodId: string, error: Error): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(RollupState)
      .set({ failures: () => 'failures + 1', lastError: error.message.slice(0, 2000), failedAt: new Date() })
      .where('unit_code = :unitCode AND period_id = :periodId', { unitCode, periodId })
      .execute();
  }

  /**
   * Rows whose summary is owed: dirty since before `olderThan` (fresh ones have their job in flight),
   * and failing ones once their back-off has passed, so one unit that cannot be computed is retried
   * less and less often instead of every round, and never holds up the others.
   */
  async owed(olderThan: Date, limit = 5000, now = new Date()): Promise<Array<{ unitCode: string; periodId: string }>> {
    const rows = await this.dataSource
      .getRepository(RollupState)
      .createQueryBuilder('s')
      .select(['s.unitCode', 's.periodId', 's.failures', 's.failedAt'])
      .where('s.dirty = :d', { d: true })
      // The latest request, not dirty_since: the grace is for the job that request has just enqueued.
      .andWhere('(s.requestedAt < :t OR s.failures > 0)', { t: olderThan })
      .orderBy('s.failures', 'ASC')
      .addOrderBy('COALESCE(s.dirtySince, s.requestedAt)', 'ASC')
      .take(limit)
      .getMany();
    return rows
      .filter((r) => r.failures === 0 || !r.failedAt || r.failedAt.getTime() + rollupRetryDelayMs(r.failures) <= now.getTime())
      .map((r) => ({ unitCode: r.unitCode, periodId: r.periodId }));
  }

  /** Owed rollups whose last attempt failed, the most failing first, then the longest owed. */
  failing(limit = 500): Promise<RollupState[]> {
    return this.dataSource
      .getRepository(RollupState)
      .createQueryBuilder('s')
      .where('s.dirty = :d', { d: true })
      .andWhere('s.failures > 0')
      .orderBy('s.failures', 'DESC')
      .addOrderBy('COALESCE(s.dirtySince, s.requestedAt)', 'ASC')
      .take(limit)
      .getMany();
  }

  async backlog(): Promise<{ dirty: number; failed: number }> {
    const repo = this.dataSource.getRepository(RollupState);
    const [dirty, failed] = await Promise.all([repo.count({ where: { dirty: true } }), repo.createQueryBuilder('s').where('s.failures > 0').getCount()]);
    return { dirty, failed };
  }
}
