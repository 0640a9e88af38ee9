import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Two official trees in one database: each unit row gets its tree and validity (a code is unique per
 * validity start, since GSO reuses codes), plus the lineage edges old → new and the units the lineage
 * source could not place. Existing single-tree rows are dated from their shape: a database with a
 * district level holds the 2024 tree, one without holds the 2025 tree.
 */
export class UnitValidityLineage1764500000000 implements MigrationInterface {
  name = 'UnitValidityLineage1764500000000';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable });
    const id: TableColumnOptions = { name: 'id', type: mysql ? 'int' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };

    // Added nullable, filled from the data, then made required: no default that would date a row silently.
    await q.addColumns('admin_units', [
      new TableColumn(str('tree', 8, true)),
      new TableColumn(str('valid_from', 10, true)),
      new TableColumn(str('valid_to', 10, true)),
    ]);
    const districts = (await q.query("SELECT COUNT(*) AS n FROM admin_units WHERE level = 'district'")) as Array<{ n: number | string }>;
    const threeTier = Number(districts[0]?.n ?? 0) > 0;
    if (threeTier) await q.query("UPDATE admin_units SET tree = '2024', valid_from = '2008-01-01', valid_to = '2025-06-30'");
    else await q.query("UPDATE admin_units SET tree = '2025', valid_from = '2025-07-01', valid_to = NULL");
    await q.changeColumn('admin_units', 'tree', new TableColumn(str('tree', 8)));
    await q.changeColumn('admin_units', 'valid_from', new TableColumn(str('valid_from', 10)));
    await q.dropIndex('admin_units', 'UQ_admin_units_code');
    await q.createIndex('admin_units', new TableIndex({ name: 'UQ_admin_units_code_from', columnNames: ['code', 'valid_from'], isUnique: true }));
    await q.createIndex('admin_units', new TableIndex({ name: 'IDX_admin_units_tree_path', columnNames: ['tree', 'path'] }));

    await q.createTable(
      new Table({
        name: 'unit_lineage',
        columns: [
          id,
          str('old_code', 10),
          str('old_valid_from', 10),
          str('new_code', 10),
          str('new_valid_from', 10),
          { name: 'split', type: 'boolean' },
          { name: 'share', type: 'double', isNullable: true },
          str('via', 200, true),
        ],
        indices: [
          { name: 'UQ_unit_lineage_edge', columnNames: ['old_code', 'old_valid_from', 'new_code', 'new_valid_from'], isUnique: true },
          { name: 'IDX_unit_lineage_new', columnNames: ['new_code', 'new_valid_from'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'unit_lineage_unmatched',
        columns: [id, str('side', 8), str('code', 10), str('valid_from', 10), str('name', 150), { name: 'reason', type: 'text' }, { name: 'hint', type: 'text', isNullable: true }],
        indices: [{ name: 'UQ_unit_lineage_unmatched', columnNames: ['side', 'code', 'valid_from'], isUnique: true }],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('unit_lineage_unmatched', true);
    await q.dropTable('unit_lineage', true);
    // Going back to one tree per database: keep only the tree in force when there are two, or the old unique code index could not be rebuilt.
    const current = (await q.query("SELECT COUNT(*) AS n FROM admin_units WHERE tree = '2025'")) as Array<{ n: number | string }>;
    if (Number(current[0]?.n ?? 0) > 0) await q.query("DELETE FROM admin_units WHERE tree <> '2025'");
    await q.dropIndex('admin_units', 'IDX_admin_units_tree_path');
    await q.dropIndex('admin_units', 'UQ_admin_units_code_from');
    await q.createIndex('admin_units', new TableIndex({ name: 'UQ_admin_units_code', columnNames: ['code'], isUnique: true }));
    await q.dropColumns('admin_units', ['tree', 'valid_from', 'valid_to']);
  }
}
