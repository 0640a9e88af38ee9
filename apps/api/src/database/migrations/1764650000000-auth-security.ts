import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions } from 'typeorm';

/**
 * Immediate revocation and the auth trail: a token version per account (bumped by deactivation,
 * role/unit change and password change), a forced password change after an administrator's reset,
 * the ids of logged-out tokens until they expire, and an append-only log of authentication events.
 */
export class AuthSecurity1764650000000 implements MigrationInterface {
  name = 'AuthSecurity1764650000000';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    const ts = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'datetime', ...(mysql ? { precision: 3 } : {}), isNullable });
    const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable });
    const id: TableColumnOptions = { name: 'id', type: mysql ? 'int' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };

    await q.addColumns('users', [
      new TableColumn({ name: 'token_version', type: 'int', default: 0 }),
      new TableColumn({ name: 'must_change_password', type: 'boolean', default: 0 }),
      new TableColumn(ts('password_changed_at', true)),
    ]);

    await q.createTable(
      new Table({
        name: 'revoked_tokens',
        columns: [{ ...str('jti', 36), isPrimary: true }, { name: 'user_id', type: 'int' }, ts('expires_at'), ts('revoked_at')],
        indices: [{ name: 'IDX_revoked_tokens_expires', columnNames: ['expires_at'] }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'auth_events',
        columns: [
          id,
          ts('at'),
          str('action', 32),
          { name: 'actor_id', type: 'int', isNullable: true },
          str('actor', 64, true),
          { name: 'target_user_id', type: 'int', isNullable: true },
          str('target_username', 64, true),
          str('ip', 64, true),
          { name: 'detail', type: 'text', isNullable: true },
        ],
        indices: [
          { name: 'IDX_auth_events_at', columnNames: ['at'] },
          { name: 'IDX_auth_events_target', columnNames: ['target_username', 'at'] },
        ],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('auth_events', true);
    await q.dropTable('revoked_tokens', true);
    await q.dropColumn('users', 'password_changed_at');
    await q.dropColumn('users', 'must_change_password');
    await q.dropColumn('users', 'token_version');
  }
}
