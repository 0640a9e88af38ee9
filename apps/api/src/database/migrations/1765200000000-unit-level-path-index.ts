import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The non-commune units of a subtree by path prefix: every summary and ranking read fingerprints the
 * subtree's rollup state, which lives on provinces and districts only. Without this index a province's
 * fingerprint walked every commune of it (or every rollup_state row of the period).
 */
export class UnitLevelPathIndex1765200000000 implements MigrationInterface {
  name = 'UnitLevelPathIndex1765200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createIndex('admin_units', new TableIndex({ name: 'IDX_admin_units_level_path', columnNames: ['level', 'path'] }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('admin_units', 'IDX_admin_units_level_path');
  }
}
