import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Notices and reminders. `notices`: one row per recipient (the in-app inbox; e-mail is sent from it
 * through the queue and `email_state` says how far it got). `reminders`: every reminder sent for a
 * unit and period, one per unit, period, kind and Vietnam day — the unique key is what makes a
 * scheduled pass run once across many worker processes and throttles the reviewer's "Nhắc nộp".
 * Users get an e-mail address, a choice to receive e-mail and a language; periods their reminder days.
 */
export class Notices1765700000000 implements MigrationInterface {
  name = 'Notices1765700000000';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable });
    const dt = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'datetime', isNullable, ...(mysql ? { precision: 3 } : {}) });
    await q.createTable(
      new Table({
        name: 'notices',
        columns: [
          { name: 'id', type: mysql ? 'int' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'int' },
          str('kind', 32),
          str('unit_code', 10, true),
          str('period_id', 8, true),
          { name: 'text_vi', type: 'text' },
          { name: 'text_en', type: 'text' },
          dt('created_at'),
          dt('read_at', true),
          // pending → sent | skipped (no address, e-mail off, no SMTP) | digest (folded into the daily digest) | failed
          str('email_state', 10),
          dt('emailed_at', true),
        ],
      }),
    );
    await q.createIndex('notices', new TableIndex({ name: 'IDX_notices_user_read', columnNames: ['user_id', 'read_at'] }));
    await q.createIndex('notices', new TableIndex({ name: 'IDX_notices_user_created', columnNames: ['user_id', 'created_at'] }));
    await q.createIndex('notices', new TableIndex({ name: 'IDX_notices_email_state', columnNames: ['email_state', 'user_id'] }));

    await q.createTable(
      new Table({
        name: 'reminders',
        columns: [
          { name: 'id', type: mysql ? 'int' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          str('unit_code', 10),
          str('period_id', 8),
          // before | after | late_list (to the reviewing unit) | nudge (a reviewer's "Nhắc nộp")
          str('kind', 10),
          // Vietnam date the reminder belongs to (YYYY-MM-DD)
          str('sent_on', 10),
          { name: 'days', type: 'int', isNullable: true },
          str('sent_by', 64, true),
          { name: 'recipients', type: 'int', default: 0 },
          dt('created_at'),
        ],
      }),
    );
    await q.createIndex('reminders', new TableIndex({ name: 'UQ_reminders_once', columnNames: ['unit_code', 'period_id', 'kind', 'sent_on'], isUnique: true }));
    await q.createIndex('reminders', new TableIndex({ name: 'IDX_reminders_period', columnNames: ['period_id', 'unit_code'] }));

    await q.addColumns('users', [
      new TableColumn({ name: 'email', type: 'varchar', length: '254', isNullable: true }),
      new TableColumn({ name: 'email_notices', type: 'boolean', default: 1 }),
      new TableColumn({ name: 'locale', type: 'varchar', length: '2', default: "'vi'" }),
    ]);
    await q.addColumn('periods', new TableColumn({ name: 'reminder_days', type: 'varchar', length: '32', isNullable: true }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('periods', 'reminder_days');
    await q.dropColumns('users', ['email', 'email_notices', 'locale']);
    await q.dropTable('reminders', true);
    await q.dropTable('notices', true);
  }
}
