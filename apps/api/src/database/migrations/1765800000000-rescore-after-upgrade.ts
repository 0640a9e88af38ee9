import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A database from before stored scores (UnitScores1765000000000) has summaries but no unit_scores
 * rows, and nothing re-ran its rollups, so its rankings read empty after the upgrade. This marks the
 * rollup of every unit that has a summary but no stored score as owed; the reconciler then recomputes
 * it (summaries are idempotent; the pass also writes its children's scores and ranks). Units already
 * scored are left alone, so on a current database this does nothing.
 */
export class RescoreAfterUpgrade1765800000000 implements MigrationInterface {
  name = 'RescoreAfterUpgrade1765800000000';

  public async up(q: QueryRunner): Promise<void> {
    // The stored form of a datetime on both drivers (UTC, as TypeORM writes it).
    const now = new Date().toISOString().slice(0, 23).replace('T', ' ');
    const unscored = (alias: string) =>
      `EXISTS (SELECT 1 FROM summary_coverage c WHERE c.unit_code = ${alias}.unit_code AND c.period_id = ${alias}.period_id)` +
      ` AND NOT EXISTS (SELECT 1 FROM unit_scores s WHERE s.unit_code = ${alias}.unit_code AND s.period_id = ${alias}.period_id)`;
    await q.query(`UPDATE rollup_state SET requested_seq = requested_seq + 1, dirty = 1, requested_at = ? WHERE ${unscored('rollup_state')}`, [now]);
    await q.query(
      `INSERT INTO rollup_state (unit_code, period_id, requested_seq, done_seq, dirty, requested_at, failures)
       SELECT c.unit_code, c.period_id, 1, 0, 1, ?, 0 FROM summary_coverage c
       WHERE NOT EXISTS (SELECT 1 FROM rollup_state r WHERE r.unit_code = c.unit_code AND r.period_id = c.period_id)
         AND NOT EXISTS (SELECT 1 FROM unit_scores s WHERE s.unit_code = c.unit_code AND s.period_id = c.period_id)`,
      [now],
    );
  }

  public async down(): Promise<void> {
    // Marking rollups owed changes no data: nothing to undo.
  }
}
