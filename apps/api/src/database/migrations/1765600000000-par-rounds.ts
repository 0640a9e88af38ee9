import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The PAR Index round (Chỉ số CCHC): criteria sets, rounds, one sheet per participant commune with
 * its rows, evidence metadata (bytes live in the evidence store), bonus/penalty entries, and the
 * audit of every score change.
 */
export class ParRounds1765600000000 implements MigrationInterface {
  name = 'ParRounds1765600000000';

  public async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable });
    const int = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'int', isNullable });
    const dbl = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'double', isNullable });
    const text = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'text', isNullable });
    const when = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'datetime', isNullable, ...(mysql ? { precision: 3 } : {}) });
    const flag = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'boolean', isNullable, ...(isNullable ? {} : { default: mysql ? '0' : 0 }) });
    const id = (): TableColumnOptions => ({ name: 'id', type: mysql ? 'int' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });

    await q.createTable(
      new Table({
        name: 'par_criteria_sets',
        columns: [{ ...str('version', 32), isPrimary: true }, str('title', 500), str('status', 10), text('document'), dbl('max_points'), str('created_by', 64), when('created_at'), when('published_at', true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'par_rounds',
        columns: [
          id(),
          int('year'),
          str('title', 300),
          str('appraising_unit_code', 10),
          str('appraising_unit_path', 64),
          str('criteria_version', 32),
          when('deadline_self_assessment'),
          when('deadline_appraisal_1'),
          when('deadline_explanation'),
          when('deadline_appraisal_2'),
          when('deadline_finalisation'),
          dbl('bonus_cap'),
          dbl('penalty_cap'),
          dbl('survey_weight'),
          text('bands'),
          { ...str('locked_stages', 100), default: "''" },
          when('published_at', true),
          str('created_by', 64),
          when('created_at'),
        ],
      }),
    );
    await q.createIndex('par_rounds', new TableIndex({ name: 'IDX_par_rounds_unit_year', columnNames: ['appraising_unit_code', 'year'] }));
    await q.createTable(
      new Table({
        name: 'par_sheets',
        columns: [id(), int('round_id'), str('unit_code', 10), str('unit_name', 150), str('status', 16), dbl('survey_percent', true), when('submitted_at', true), when('finalized_at', true), when('updated_at')],
      }),
    );
    await q.createIndex('par_sheets', new TableIndex({ name: 'UQ_par_sheets_round_unit', columnNames: ['round_id', 'unit_code'], isUnique: true }));
    await q.createTable(
      new Table({
        name: 'par_sheet_rows',
        columns: [
          { ...int('sheet_id'), isPrimary: true },
          { ...str('code', 32), isPrimary: true },
          dbl('self_score', true),
          flag('self_na'),
          text('self_note', true),
          text('documents', true),
          dbl('suggested_score', true),
          text('suggestion', true),
          text('override_reason', true),
          dbl('appraisal1_score', true),
          flag('appraisal1_na', true),
          text('appraisal1_comment', true),
          flag('explain_requested'),
          text('explanation', true),
          dbl('appraisal2_score', true),
          flag('appraisal2_na', true),
          text('appraisal2_comment', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'par_evidence',
        columns: [id(), int('round_id'), str('unit_code', 10), str('row_code', 32), str('stage', 20), str('sha256', 64), int('size'), str('mime', 100), str('file_name', 200), str('uploaded_by', 64), when('uploaded_at')],
      }),
    );
    await q.createIndex('par_evidence', new TableIndex({ name: 'IDX_par_evidence_round_unit', columnNames: ['round_id', 'unit_code'] }));
    await q.createTable(
      new Table({
        name: 'par_adjustments',
        columns: [id(), int('round_id'), str('unit_code', 10), str('kind', 10), dbl('points'), text('reason'), str('created_by', 64), when('created_at')],
      }),
    );
    await q.createIndex('par_adjustments', new TableIndex({ name: 'IDX_par_adjustments_round_unit', columnNames: ['round_id', 'unit_code'] }));
    await q.createTable(
      new Table({
        name: 'par_score_audit',
        columns: [id(), int('round_id'), str('unit_code', 10), str('row_code', 32, true), str('field', 32), str('stage', 20), str('actor', 64), text('before', true), text('after', true), when('at')],
      }),
    );
    await q.createIndex('par_score_audit', new TableIndex({ name: 'IDX_par_score_audit_round_unit', columnNames: ['round_id', 'unit_code'] }));
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['par_score_audit', 'par_adjustments', 'par_evidence', 'par_sheet_rows', 'par_sheets', 'par_rounds', 'par_criteria_sets']) await q.dropTable(t, true);
  }
}
