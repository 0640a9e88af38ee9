import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { isMysql } from './write-transaction';

type Db = DataSource | EntityManager;

/** A condition on one column: equal to a value, or (an array) in a list of values. */
type Where<T> = { [K in keyof T]?: T[K] | readonly T[K][] };

/**
 * Whole entities by plain equality, as written SQL: for the save path's reads (a report, its values, its
 * comments), where TypeORM's query building and result mapping cost more CPU than the database's work.
 * Each column is converted by TypeORM's own hydration (transformers, simple-json, dates), so the objects
 * equal what `find` gives. `lock`: FOR UPDATE on MySQL (SQLite has one writer and no row locks).
 */
export async function selectEntities<T extends ObjectLiteral>(
  db: Db,
  target: new () => T,
  where: Where<T>,
  opts: { orderBy?: Array<keyof T & string>; lock?: boolean } = {},
): Promise<T[]> {
  const { meta, driver, escape } = describe(db, target);
  const columns = meta.columns.filter((c) => !c.isVirtual);
  const [condition, params] = conditions(meta.findColumnWithPropertyName.bind(meta), escape, where);
  const order = opts.orderBy?.length ? ` ORDER BY ${opts.orderBy.map((p) => escape(column(meta.findColumnWithPropertyName.bind(meta), p).databaseName)).join(', ')}` : '';
  const lock = opts.lock && isMysql(db) ? ' FOR UPDATE' : '';
  const rows = await db.query<Array<Record<string, unknown>>>(
    `SELECT ${columns.map((c) => escape(c.databaseName)).join(', ')} FROM ${escape(meta.tableName)} WHERE ${condition}${order}${lock}`,
    params,
  );
  return rows.map((raw) => {
    const entity = meta.create() as T;
    for (const c of columns) c.setEntityValue(entity, driver.prepareHydratedValue(raw[c.databaseName], c));
    return entity;
  });
}

/**
 * `UPDATE … SET <patch> [, extra] WHERE <where>`, as written SQL with the patch converted as TypeORM
 * would persist it; `extra` adds assignments in SQL (e.g. `version = version + 1`). Returns the rows changed.
 */
export async function updateEntities<T extends ObjectLiteral>(db: Db, target: new () => T, patch: Partial<T>, where: Where<T>, extra: string[] = []): Promise<number> {
  const { meta, driver, escape } = describe(db, target);
  const find = meta.findColumnWithPropertyName.bind(meta);
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [property, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const c = column(find, property);
    sets.push(`${escape(c.databaseName)} = ?`);
    params.push((driver.preparePersistentValue(value, c) as unknown) ?? null);
  }
  const [condition, whereParams] = conditions(find, escape, where);
  const sql = `UPDATE ${escape(meta.tableName)} SET ${[...sets, ...extra].join(', ')} WHERE ${condition}`;
  // The structured result carries the count on every driver (the plain one is the driver's own shape).
  const own = db instanceof EntityManager ? db.queryRunner : undefined;
  const runner = own ?? (db instanceof DataSource ? db : db.connection).createQueryRunner();
  try {
    const result = await runner.query(sql, [...params, ...whereParams], true);
    return Number(result.affected ?? 0);
  } finally {
    if (!own) await runner.release();
  }
}

function describe<T extends ObjectLiteral>(db: Db, target: new () => T) {
  const connection = db instanceof DataSource ? db : db.connection;
  const driver = connection.driver;
  return { meta: connection.getMetadata(target), driver, escape: (name: string) => driver.escape(name) };
}

function column(find: (property: string) => ColumnMetadata | undefined, property: string): ColumnMetadata {
  const c = find(property);
  if (!c) throw new Error(`no column for property "${property}"`);
  return c;
}

function conditions<T>(find: (property: string) => ColumnMetadata | undefined, escape: (name: string) => string, where: Where<T>): [string, unknown[]] {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [property, value] of Object.entries(where)) {
    const name = escape(column(find, property).databaseName);
    if (Array.isArray(value)) {
      // An empty list matches nothing, as `IN ()` would if SQL allowed it.
      if (value.length === 0) parts.push('1 = 0');
      else parts.push(`${name} IN (${value.map(() => '?').join(', ')})`);
      params.push(...(value as unknown[]));
    } else {
      parts.push(`${name} = ?`);
      params.push(value);
    }
  }
  if (parts.length === 0) throw new Error('a written select or update needs a condition');
  return [parts.join(' AND '), params];
}
