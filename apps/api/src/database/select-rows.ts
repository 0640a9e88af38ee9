import { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/**
 * `SELECT columns FROM table WHERE <equal columns> AND inColumn IN (values) [suffix]` as raw rows, with
 * the dialect's quoting: for the rollup's reads of a few columns of many rows per pass, where TypeORM's
 * query building and entity hydration cost more CPU than the database's work. Columns are database
 * names and come back as the driver gives them (numbers may be strings, JSON columns are text).
 */
export async function selectWhereIn<R extends Record<string, unknown>>(
  db: Db,
  table: string,
  columns: string[],
  equal: Record<string, unknown>,
  inColumn: string,
  values: readonly unknown[],
  suffix = '',
): Promise<R[]> {
  if (values.length === 0) return [];
  const e = (c: string) => (db instanceof DataSource ? db : db.connection).driver.escape(c);
  const where = [...Object.keys(equal).map((c) => `${e(c)} = ?`), `${e(inColumn)} IN (${values.map(() => '?').join(', ')})`].join(' AND ');
  return db.query<R[]>(`SELECT ${columns.map(e).join(', ')} FROM ${e(table)} WHERE ${where}${suffix}`, [...Object.values(equal), ...values]);
}
