import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Stored scores: each unit's score for a period, written by the rollup pass that reads its sources
 * (a commune's by its parent's pass, a district's or province's by its own), and its rank among its
 * siblings, written by the parent's pass. Rankings read these rows instead of scoring reports.
 */
export class UnitScores1765000000000 implements MigrationInterface {
  name = 'UnitScores1765000000000';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable });
    const int = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'int', isNullable });
    const dbl = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'double', isNullable });
    await q.createTable(
      new Table({
        name: 'unit_scores',
        columns: [
          { ...str('unit_code', 10), isPrimary: true },
          { ...str('period_id', 8), isPrimary: true },
          str('parent_code', 10, true),
          str('scheme_version', 32),
          str('basis', 10),
          dbl('total', true),
          dbl('max', true),
          dbl('percent', true),
          { name: 'domains', type: 'text', isNullable: false },
          int('scored'),
          int('expected'),
          dbl('coverage'),
          { name: 'rank', type: 'int', isNullable: true },
          { name: 'ranked', type: 'boolean', default: mysql ? '0' : 0 },
          { name: 'below_coverage', type: 'boolean', default: mysql ? '0' : 0 },
          { name: 'domain_ranks', type: 'text', isNullable: true },
          { name: 'computed_at', type: 'datetime', ...(mysql ? { precision: 3 } : {}) },
        ],
      }),
    );
    // The children of one unit for one period: a ranking's lookup.
    await q.createIndex('unit_scores', new TableIndex({ name: 'IDX_unit_scores_parent', columnNames: ['period_id', 'parent_code'] }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('unit_scores', true);
  }
}
