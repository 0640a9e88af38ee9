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
  return whereClause((c) => escape(db, c), { ...equal, [inColumn]: values });
}

/**
 * `a = ? AND b IN (?, ?)` and its parameters, from database column names (already escaped by `escape`): a
 * value is an equality, an array a list (an empty list matches nothing, as `IN ()` would if SQL allowed it).
 * The one where-builder of the written SQL here and in entity-rows.ts.
 */
export function whereClause(escape: (column: string) => string, conditions: Record<string, unknown>): [string, unknown[]] {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of Object.entries(conditions)) {
    if (Array.isArray(value)) {
      parts.push(value.length === 0 ? '1 = 0' : `${escape(column)} IN (${value.map(() => '?').join(', ')})`);
      params.push(...(value as unknown[]));
    } else {
      parts.push(`${escape(column)} = ?`);
      params.push(value);
    }
  }
  if (parts.length === 0) throw new Error('a written select, update or delete needs a condition');
  return [parts.join(' AND '), params];
}
