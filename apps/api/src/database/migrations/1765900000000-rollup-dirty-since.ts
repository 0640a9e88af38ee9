import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * When a unit's rollup became owed: the oldest change its summary does not hold yet. `requested_at` moves
 * with every new request, so under continuous approvals the lag measured from it never grew although
 * the summary fell behind; the rollup lag (metrics, alert) is measured from this instead. A row owed
 * before the upgrade starts from its last request, the oldest time this database still knows.
 */
export class RollupDirtySince1765900000000 implements MigrationInterface {
  name = 'RollupDirtySince1765900000000';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    await q.addColumn('rollup_state', new TableColumn({ name: 'dirty_since', type: 'datetime', isNullable: true, ...(mysql ? { precision: 3 } : {}) }));
    await q.query('UPDATE rollup_state SET dirty_since = requested_at WHERE dirty = 1');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('rollup_state', 'dirty_since');
  }
}
