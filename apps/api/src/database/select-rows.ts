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
  const [where, params] = whereIn(db, equal, inColumn, values);
  return db.query<R[]>(`SELECT ${columns.map((c) => escape(db, c)).join(', ')} FROM ${escape(db, table)} WHERE ${where}${suffix}`, params);
}

/** `DELETE FROM table WHERE <equal columns> AND inColumn IN (values)`, for the same reason. */
export async function deleteWhereIn(db: Db, table: string, equal: Record<string, unknown>, inColumn: string, values: readonly unknown[]): Promise<void> {
  if (values.length === 0) return;
  const [where, params] = whereIn(db, equal, inColumn, values);
  await db.query(`DELETE FROM ${escape(db, table)} WHERE ${where}`, params);
}

const escape = (db: Db, name: string) => (db instanceof DataSource ? db : db.connection).driver.escape(name);

function whereIn(db: Db, equal: Record<string, unknown>, inColumn: string, values: readonly unknown[]): [string, unknown[]] {
  const where = [...Object.keys(equal).map((c) => `${escape(db, c)} = ?`), `${escape(db, inColumn)} IN (${values.map(() => '?').join(', ')})`].join(' AND ');
  return [where, [...Object.values(equal), ...values]];
}
