import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { parsePeriodId, structuredFromTextNarrative, type TextNarrative } from '@cchc/shared';

const BATCH = 200;

/**
 * The report as an official document: `document` holds its header and signature fields
 * (ReportDocumentFields), `narrative_doc` its sections I–V as numbered subsections. The old
 * `narrative` text column stays as it is, so readers and writers of the text keep working;
 * every existing text is converted once here (nothing is dropped: see narrativeFromText).
 */
export class ReportDocument1764900000000 implements MigrationInterface {
  name = 'ReportDocument1764900000000';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    await q.addColumns('reports', [
      new TableColumn({ name: 'document', type: 'text', isNullable: true }),
      new TableColumn({ name: 'narrative_doc', type: mysql ? 'mediumtext' : 'text', isNullable: true }),
    ]);
    for (let lastId = 0; ; ) {
      const rows = (await q.query(
        'SELECT id, period_id, narrative FROM reports WHERE id > ? AND narrative IS NOT NULL ORDER BY id LIMIT ?',
        [lastId, BATCH],
      )) as { id: number; period_id: string; narrative: string | null }[];
      if (rows.length === 0) break;
      for (const r of rows) {
        lastId = r.id;
        let text: TextNarrative;
        try {
          text = JSON.parse(r.narrative ?? 'null') as TextNarrative;
        } catch {
          continue;
        }
        if (!text || typeof text !== 'object') continue;
        const year = parsePeriodId(r.period_id)?.year;
        await q.query('UPDATE reports SET narrative_doc = ? WHERE id = ?', [JSON.stringify(structuredFromTextNarrative(text, year)), r.id]);
      }
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('reports', 'narrative_doc');
    await q.dropColumn('reports', 'document');
  }
}
