import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The first schema. Written with the Table API so the same migration builds MySQL/MariaDB and
 * the embedded SQLite file; only column types that both understand are used.
 */
export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    const ts = (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: 'datetime',
      ...(mysql ? { precision: 3 } : {}),
      isNullable,
    });
    const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
    });
    const int = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'int', isNullable });
    const dbl = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'double', isNullable });
    const text = (name: string, isNullable = true, big = false): TableColumnOptions => ({
      name,
      type: mysql && big ? 'mediumtext' : 'text',
      isNullable,
    });
    const id: TableColumnOptions = {
      name: 'id',
      // SQLite only auto-increments an INTEGER PRIMARY KEY.
      type: mysql ? 'int' : 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    };

    await q.createTable(
      new Table({
        name: 'admin_units',
        columns: [id, str('code', 10), str('name', 150), str('level', 16), str('parent_code', 10, true), str('path', 64), int('depth')],
        indices: [
          { name: 'UQ_admin_units_code', columnNames: ['code'], isUnique: true },
          { name: 'IDX_admin_units_path', columnNames: ['path'] },
          { name: 'IDX_admin_units_parent', columnNames: ['parent_code'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'periods',
        columns: [
          { ...str('id', 8), isPrimary: true },
          str('type', 10),
          int('year'),
          str('start_date', 10),
          str('end_date', 10),
          str('deadline', 10),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id,
          str('username', 64),
          str('password_hash', 100),
          str('display_name', 150),
          str('role', 24),
          str('unit_code', 10, true),
          { name: 'active', type: 'boolean', default: mysql ? 1 : 1 },
          ts('created_at'),
        ],
        indices: [{ name: 'UQ_users_username', columnNames: ['username'], isUnique: true }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'reports',
        columns: [
          id,
          str('unit_code', 10),
          str('unit_path', 64),
          str('period_id', 8),
          str('template_version', 16),
          str('status', 12),
          int('version'),
          text('narrative', true, true),
          text('return_comment'),
          ts('submitted_at', true),
          ts('first_submitted_at', true),
          ts('approved_at', true),
          ts('created_at'),
          ts('updated_at'),
          str('updated_by', 64, true),
        ],
        indices: [
          { name: 'UQ_reports_unit_period', columnNames: ['unit_code', 'period_id'], isUnique: true },
          { name: 'IDX_reports_period_status', columnNames: ['period_id', 'status'] },
          { name: 'IDX_reports_period_path', columnNames: ['period_id', 'unit_path'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'report_values',
        columns: [
          { ...int('report_id'), isPrimary: true },
          { ...str('indicator_code', 16), isPrimary: true },
          dbl('value', true),
          text('note'),
        ],
        foreignKeys: [
          { columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'report_comments',
        columns: [id, int('report_id'), str('indicator_code', 16, true), text('body', false), str('author', 64), ts('created_at')],
        indices: [{ name: 'IDX_report_comments_report', columnNames: ['report_id', 'created_at'] }],
        foreignKeys: [
          { columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'report_snapshots',
        columns: [id, int('report_id'), str('kind', 12), int('report_version'), text('values', false, true), ts('created_at')],
        indices: [{ name: 'IDX_report_snapshots_report', columnNames: ['report_id', 'created_at'] }],
        foreignKeys: [
          { columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id,
          int('report_id', true),
          str('unit_code', 10),
          str('period_id', 8),
          str('actor', 64),
          str('action', 16),
          str('field', 16, true),
          text('before', true, true),
          text('after', true, true),
          ts('at'),
        ],
        indices: [
          { name: 'IDX_audit_report_at', columnNames: ['report_id', 'at'] },
          { name: 'IDX_audit_unit_period', columnNames: ['unit_code', 'period_id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'summaries',
        columns: [
          { ...str('unit_code', 10), isPrimary: true },
          { ...str('period_id', 8), isPrimary: true },
          { ...str('indicator_code', 16), isPrimary: true },
          int('count'),
          dbl('sum'),
          dbl('min', true),
          dbl('max', true),
          dbl('weighted_sum'),
          dbl('weight_sum'),
          text('option_counts'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'summary_coverage',
        columns: [
          { ...str('unit_code', 10), isPrimary: true },
          { ...str('period_id', 8), isPrimary: true },
          int('expected'),
          int('reported'),
          int('children_expected'),
          int('children_reported'),
          text('missing_children', false, true),
          str('basis', 10),
          ts('as_of'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'rollup_state',
        columns: [
          { ...str('unit_code', 10), isPrimary: true },
          { ...str('period_id', 8), isPrimary: true },
          int('requested_seq'),
          int('done_seq'),
          { name: 'dirty', type: 'boolean' },
          ts('requested_at'),
          ts('done_at', true),
          { name: 'failures', type: 'int', default: 0 },
          text('last_error'),
        ],
      }),
    );
    await q.createIndex('rollup_state', new TableIndex({ name: 'IDX_rollup_state_dirty', columnNames: ['dirty'] }));
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'rollup_state',
      'summary_coverage',
      'summaries',
      'audit_log',
      'report_snapshots',
      'report_comments',
      'report_values',
      'reports',
      'users',
      'periods',
      'admin_units',
    ]) {
      await q.dropTable(t, true);
    }
  }
}
