/**
 * Whether a family's job rolls up its dirty children in one batched pass (one set of reads, one
 * transaction) rather than one pass each: only on MySQL (SQLite has one writer at a time, and a long
 * write would hold back every save), only when batching is on (ROLLUP_BATCH_MIN > 0), and only when
 * enough of them are dirty — a national recompute or an import, not a few approvals, which stay on
 * the short single-pass path.
 */
export function shouldBatchSiblings(args: { batchMin: number; mysql: boolean; dirty: number }): boolean {
  const { batchMin, mysql, dirty } = args;
  return batchMin > 0 && mysql && dirty >= batchMin;
}

/**
 * The unit whose job settles `code`'s rollup. A unit with a parent is rolled up by its parent's job,
 * which passes over the parent's dirty children and then over the parent itself: one job (one hop)
 * from a commune's approval to its province, and one job per province in a national recompute — so
 * the queue's one-job-per-id rule keeps two jobs off one family with no lock between them. A commune
 * (nothing to aggregate: its request is only settled), a unit at the top and an unknown code keep
 * their own job.
 */
export function rollupJobUnit(code: string, unit: { level: string; parentCode: string | null } | null): string {
  return unit && unit.level !== 'commune' && unit.parentCode ? unit.parentCode : code;
}
