import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Idempotency-Key of retried actions (workflow transitions, imports): one row per account and key,
 * with the route and body hash it was used for and the answer given, kept 24 hours.
 */
export class IdempotencyKeys1765400000001 implements MigrationInterface {
  name = 'IdempotencyKeys1765400000001';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    await q.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          // SQLite's AUTOINCREMENT needs the exact type INTEGER.
          { name: 'id', type: mysql ? 'int' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'int' },
          { name: 'idem_key', type: 'varchar', length: '128', ...(mysql ? { charset: 'ascii', collation: 'ascii_bin' } : {}) },
          { name: 'route', type: 'varchar', length: '255' },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'state', type: 'varchar', length: '12' },
          { name: 'status_code', type: 'int', isNullable: true },
          // A report's answer can pass TEXT's 64 KB on MySQL.
          { name: 'response', type: mysql ? 'mediumtext' : 'text', isNullable: true },
          { name: 'created_at', type: 'datetime', ...(mysql ? { precision: 3 } : {}) },
        ],
        indices: [
          { name: 'UQ_idempotency_keys_user_key', columnNames: ['user_id', 'idem_key'], isUnique: true },
          { name: 'IDX_idempotency_keys_created', columnNames: ['created_at'] },
        ],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('idempotency_keys', true);
  }
}
