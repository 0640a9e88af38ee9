import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { BUILT_IN_SCHEMES } from '@cchc/shared';

/**
 * Scoring schemes become data like templates: the built-in scheme is stored (published) and a period
 * may name the scheme it is scored with (none named: the newest published for its template, so
 * existing periods keep scoring exactly as before).
 */
export class ScoringSchemes1765510000000 implements MigrationInterface {
  name = 'ScoringSchemes1765510000000';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    const ms = mysql ? { precision: 3 } : {};
    await q.createTable(
      new Table({
        name: 'scoring_schemes',
        columns: [
          { name: 'version', type: 'varchar', length: '32', isPrimary: true },
          { name: 'template_version', type: 'varchar', length: '32' },
          { name: 'title', type: 'varchar', length: '500' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'document', type: mysql ? 'mediumtext' : 'text' },
          { name: 'created_at', type: 'datetime', ...ms },
          { name: 'published_at', type: 'datetime', isNullable: true, ...ms },
        ],
      }),
    );
    // better-sqlite3 binds no Date; SQLite keeps TypeORM's UTC text form.
    const now = mysql ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', '');
    for (const s of BUILT_IN_SCHEMES) {
      await q.query(
        'INSERT INTO scoring_schemes (version, template_version, title, status, document, created_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [s.version, s.templateVersion, s.title ?? s.version, 'published', JSON.stringify(s), now, now],
      );
    }
    await q.addColumn('periods', new TableColumn({ name: 'scoring_version', type: 'varchar', length: '32', isNullable: true }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('periods', 'scoring_version');
    await q.dropTable('scoring_schemes', true);
  }
}
