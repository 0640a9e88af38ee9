import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { BUILT_IN_TEMPLATES } from '@cchc/shared';

/**
 * Template versions become data: the built-in 2023.1 is stored (published) so every existing report
 * keeps its version and meaning, and each period names the version it is reported on (every period
 * so far used 2023.1).
 */
export class TemplateVersions1765500000000 implements MigrationInterface {
  name = 'TemplateVersions1765500000000';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    const ms = mysql ? { precision: 3 } : {};
    await q.createTable(
      new Table({
        name: 'template_versions',
        columns: [
          { name: 'version', type: 'varchar', length: '32', isPrimary: true },
          { name: 'year', type: 'int' },
          { name: 'title', type: 'varchar', length: '500' },
          { name: 'status', type: 'varchar', length: '10' },
          // The 2023 form is ~60 kB of JSON: over MySQL's TEXT limit.
          { name: 'document', type: mysql ? 'mediumtext' : 'text' },
          { name: 'created_at', type: 'datetime', ...ms },
          { name: 'published_at', type: 'datetime', isNullable: true, ...ms },
        ],
      }),
    );
    // better-sqlite3 binds no Date; SQLite keeps TypeORM's UTC text form.
    const now = mysql ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', '');
    for (const t of BUILT_IN_TEMPLATES) {
      await q.query(
        'INSERT INTO template_versions (version, year, title, status, document, created_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [t.version, t.year, t.title, 'published', JSON.stringify(t), now, now],
      );
    }
    await q.addColumn('periods', new TableColumn({ name: 'template_version', type: 'varchar', length: '32', isNullable: true }));
    await q.query('UPDATE periods SET template_version = ?', [BUILT_IN_TEMPLATES[0].version]);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('periods', 'template_version');
    await q.dropTable('template_versions', true);
  }
}
