import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * When a rollup last failed. The reconciler backs off a unit that keeps failing (a report it cannot
 * score, a corrupt stored row) instead of retrying it every round for ever, while the failure stays
 * visible in health and on the summary.
 */
export class RollupFailedAt1765300000000 implements MigrationInterface {
  name = 'RollupFailedAt1765300000000';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    await q.addColumn('rollup_state', new TableColumn({ name: 'failed_at', type: 'datetime', isNullable: true, ...(mysql ? { precision: 3 } : {}) }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('rollup_state', 'failed_at');
  }
}
