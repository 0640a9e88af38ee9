/**
 * Whether a job for one district should roll up all its dirty siblings in one batched pass: only on
 * MySQL (SQLite has one writer at a time), only when batching is on (ROLLUP_BATCH_MIN > 0), and only
 * when enough siblings are dirty — a national recompute or an import, not a few approvals, which stay
 * on the short single-pass path.
 */
export function shouldBatchSiblings(args: { batchMin: number; mysql: boolean; level: string; hasParent: boolean; siblings: number; dirty?: number }): boolean {
  const { batchMin, mysql, level, hasParent, siblings, dirty } = args;
  if (batchMin <= 0 || !mysql || !hasParent || level === 'commune') return false;
  if (siblings < batchMin) return false;
  return dirty === undefined || dirty >= batchMin;
}
