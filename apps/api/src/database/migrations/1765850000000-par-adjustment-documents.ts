import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** A bonus or penalty entry cites its evidence: the documents (số/ký hiệu, date, title) it rests on. Existing entries cite none. */
export class ParAdjustmentDocuments1765850000000 implements MigrationInterface {
  name = 'ParAdjustmentDocuments1765850000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumn('par_adjustments', new TableColumn({ name: 'documents', type: 'text', isNullable: true }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('par_adjustments', 'documents');
  }
}
