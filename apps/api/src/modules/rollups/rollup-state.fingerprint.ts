import { DataSource } from 'typeorm';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { RollupState } from './entities/rollup-state.entity';

/**
 * A fingerprint of the rollup bookkeeping of a subtree for some periods: every change to a counted
 * report bumps requested_seq of its parent (in the change's transaction) and sequences only grow,
 * so the count and sums change whenever anything under the unit does (its summaries, coverage and
 * scores are written in the transaction that moves done_seq).
 */
export async function subtreeStateFingerprint(db: DataSource, unitPath: string, periodIds: string[]): Promise<string> {
  const row = await db
    .getRepository(RollupState)
    .createQueryBuilder('s')
    .innerJoin(AdminUnit, 'u', 'u.code = s.unitCode')
    .select('COUNT(*)', 'n')
    .addSelect('COALESCE(SUM(s.requestedSeq), 0)', 'req')
    .addSelect('COALESCE(SUM(s.doneSeq), 0)', 'done')
    // A failure leaves the seqs alone; a success after it moves done_seq, so together they change on both.
    .addSelect('COALESCE(SUM(s.failures), 0)', 'f')
    .where('s.periodId IN (:...periodIds)', { periodIds })
    // Rollup state lives on provinces and districts (a commune's changes bump its parent's row):
    // by level and path prefix, the subtree's few rows come from an index, not from all its communes.
    .andWhere('u.level IN (:...levels)', { levels: ['province', 'district'] })
    .andWhere('u.path LIKE :p', { p: `${unitPath}%` })
    .getRawOne<{ n: number | string; req: number | string; done: number | string; f: number | string }>();
  return `${Number(row?.n ?? 0)}:${Number(row?.req ?? 0)}:${Number(row?.done ?? 0)}:${Number(row?.f ?? 0)}`;
}
