import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { countedStatuses } from '@cchc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isMysql } from '../../database/write-transaction';
import { PeriodsService } from '../periods/periods.service';
import { ReportReader } from '../reports/report.reader';
import { UnitsService, type UnitFamily } from '../units/units.service';
import { composeUnitPass, type UnitPass } from './rollup-composer';
import { RollupOutboxService } from './rollup-outbox.service';
import { readChildCoverage, readChildStats } from './rollup-sources.reader';
import { RollupStateRepository } from './rollup-state.repository';
import { SummaryWriter } from './summary.writer';
import { readChildScores, writeUnitScores } from './unit-scores';

export interface RollupPassResult {
  /** False when a newer pass had already written this unit (ours was dropped). */
  written: boolean;
  /** requested_seq moved past the seq this pass computed: another pass is owed. */
  dirty: boolean;
  parentCode: string | null;
}

/**
 * One rollup pass over one or several units: read each unit's requested_seq (S), read the sources,
 * compose (rollup-composer, the shared rules), write if still newest.
 *
 * Concurrency: S is read first, then the sources (each read sees every change committed with a seq ≤ S,
 * because a change and its seq bump commit together). The write runs under a row lock on rollup_state
 * and only if no pass with a newer S has written already, so two workers on one unit never interleave
 * and a slow, older pass never overwrites a newer result.
 */
@Injectable()
export class RollupPassService {
  private readonly logger = new Logger('RollupPass');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: RollupOutboxService,
    private readonly state: RollupStateRepository,
    private readonly units: UnitsService,
    private readonly reports: ReportReader,
    private readonly writer: SummaryWriter,
    private readonly periods: PeriodsService,
  ) {}

  /** One unit's pass. */
  async rollupOnce(unitCode: string, periodId: string): Promise<RollupPassResult> {
    return (await this.rollupMany([unitCode], periodId)).get(unitCode) ?? { written: false, dirty: false, parentCode: null };
  }

  /**
   * One pass over several units at once, with the guarantees of a single pass for each: every unit's
   * S is read before any source, the sources of all of them are read in one set of queries, each unit
   * is composed on its own, and all are written in one transaction that locks their state rows in key
   * order and skips any unit a pass with a newer S has already written.
   */
  async rollupMany(unitCodes: string[], periodId: string, db: EntityManager = this.dataSource.manager): Promise<Map<string, RollupPassResult>> {
    const out = new Map<string, RollupPassResult>();
    const codes = [...new Set(unitCodes)].sort();
    // Before S is read: any request this pass leaves owed was committed after this instant (rollup lag).
    const readAt = new Date();
    const [families, stateOf] = await Promise.all([this.units.familiesOf(codes), this.state.seqsOf(periodId, codes, db)]);
    const todo: Array<{ family: UnitFamily; seq: number }> = [];
    for (const code of codes) {
      const state = stateOf.get(code);
      const seq = state?.requestedSeq ?? 0;
      // Every change to the sources bumps requested_seq, so nothing new since the last write = nothing to do.
      if (state && state.doneSeq >= state.requestedSeq) {
        out.set(code, { written: false, dirty: false, parentCode: null });
        continue;
      }
      const family = families.get(code);
      if (!family || family.unit.level === 'commune') {
        // Nothing to aggregate (a commune's "summary" is its report): just settle the request.
        await this.state.settle(db, code, periodId, seq, undefined, readAt);
        out.set(code, { written: false, dirty: false, parentCode: null });
        continue;
      }
      todo.push({ family, seq });
    }
    if (todo.length === 0) return out;

    // The sources of every unit, read after its S (see the class comment), one query per kind.
    const children = todo.flatMap((t) => t.family.children);
    const communeCodes = children.filter((c) => c.level === 'commune').map((c) => c.code);
    const groupKids = children.filter((c) => c.level !== 'commune');
    const groupCodes = groupKids.map((c) => c.code);
    const statuses = countedStatuses(this.config.rollupBasis);
    const [communeValues, childStats, childCoverage, childScores, ownReports] = await Promise.all([
      this.reports.countedValues(periodId, communeCodes, statuses, db),
      readChildStats(db, periodId, groupCodes),
      readChildCoverage(db, this.units, periodId, groupKids),
      readChildScores(db, periodId, groupCodes),
      this.reports.countedValues(periodId, groupCodes, statuses, db),
    ]);
    // Every report of a period is made with the period's version (it cannot change once one exists).
    const [template, scheme] = await Promise.all([this.periods.templateOf(periodId), this.periods.schemeOf(periodId)]);
    const rules = { template, scheme, basis: this.config.rollupBasis, minCoverage: this.config.rankingMinCoverage };
    const now = new Date();
    const passes: UnitPass[] = [];
    for (const { family, seq } of todo) {
      try {
        passes.push(composeUnitPass(family, seq, periodId, rules, { communeValues, childStats, childCoverage, childScores, ownReports }, now));
      } catch (e) {
        // A single pass fails as a job (retried, recorded by the processor). In a batch, one unit that
        // cannot be computed is recorded as failed and left owed; its siblings are written as usual.
        if (todo.length === 1) throw e;
        const error = e instanceof Error ? e : new Error(String(e));
        this.logger.warn(`rollup ${family.unit.code}/${periodId} failed in a batch: ${error.message}`);
        await this.state.recordFailure(family.unit.code, periodId, error).catch(() => undefined);
        out.set(family.unit.code, { written: false, dirty: true, parentCode: family.unit.parentCode });
      }
    }
    if (passes.length === 0) return out;
    for (const [code, r] of await this.write(periodId, passes, db, readAt)) out.set(code, r);
    return out;
  }

  /** Writes the passes still newest in one transaction: summaries, state, the parents' requests, scores. */
  private async write(periodId: string, passes: UnitPass[], db: EntityManager, readAt: Date): Promise<Map<string, RollupPassResult>> {
    const mysql = isMysql(db);
    const work = async (em: EntityManager): Promise<Map<string, RollupPassResult>> => {
      const out = new Map<string, RollupPassResult>();
      const current = await this.state.lockForWrite(
        em,
        periodId,
        passes.map((p) => p.unitCode),
        mysql,
      );
      const fresh: UnitPass[] = [];
      for (const p of passes) {
        const row = current.get(p.unitCode);
        if (row && row.doneSeq > p.seq) out.set(p.unitCode, { written: false, dirty: row.requestedSeq > row.doneSeq, parentCode: p.parentCode });
        else fresh.push(p);
      }
      if (fresh.length === 0) return out;
      const asOf = new Date();
      const basis = this.config.rollupBasis;
      await this.writer.replaceMany(
        em,
        periodId,
        fresh.map((p) => ({ unitCode: p.unitCode, stats: p.composed.stats, coverage: { ...p.composed.coverage, basis, asOf } })),
      );
      await this.state.settleLocked(
        em,
        periodId,
        fresh.filter((p) => current.has(p.unitCode)),
        readAt,
      );
      for (const p of fresh) {
        const row = current.get(p.unitCode);
        // Read under our row lock (SQLite: single writer), so whether newer requests wait is known.
        const dirty = row ? row.requestedSeq > p.seq : await this.state.settle(em, p.unitCode, periodId, p.seq, null, readAt);
        out.set(p.unitCode, { written: true, dirty, parentCode: p.parentCode });
      }
      for (const parent of [...new Set(fresh.map((p) => p.parentCode).filter((c): c is string => !!c))].sort()) {
        await this.outbox.markStale(em, parent, periodId);
      }
      // After the parent's state row: the parent's pass holds that row while it writes our rank,
      // so taking it first means the two never wait on each other's locks in opposite order.
      await writeUnitScores(em, fresh);
      return out;
    };
    // READ COMMITTED: no gap locks, so sibling districts replacing their rows side by side don't deadlock.
    return mysql ? db.transaction('READ COMMITTED', work) : db.transaction(work);
  }
}
