import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { whereClause } from './select-rows';
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
  const { meta, driver, escape, column, where: whereSql } = describe(db, target);
  const columns = meta.columns.filter((c) => !c.isVirtual);
  const [condition, params] = whereSql(where);
  const order = opts.orderBy?.length ? ` ORDER BY ${opts.orderBy.map((p) => escape(column(p).databaseName)).join(', ')}` : '';
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
  const { connection, meta, driver, escape, column, where: whereSql } = describe(db, target);
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [property, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const c = column(property);
    sets.push(`${escape(c.databaseName)} = ?`);
    params.push((driver.preparePersistentValue(value, c) as unknown) ?? null);
  }
  const [condition, whereParams] = whereSql(where);
  const sql = `UPDATE ${escape(meta.tableName)} SET ${[...sets, ...extra].join(', ')} WHERE ${condition}`;
  // The structured result carries the count on every driver (the plain one is the driver's own shape).
  const own = db instanceof EntityManager ? db.queryRunner : undefined;
  const runner = own ?? connection.createQueryRunner();
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
  const meta = connection.getMetadata(target);
  const column = (property: string): ColumnMetadata => {
    const c = meta.findColumnWithPropertyName(property);
    if (!c) throw new Error(`no column for property "${property}"`);
    return c;
  };
  const escape = (name: string) => driver.escape(name);
  /** The condition on entity properties, as database columns. */
  const where = (conditions: Where<T>) => whereClause(escape, Object.fromEntries(Object.entries(conditions).map(([p, v]) => [column(p).databaseName, v])));
  return { connection, meta, driver, escape, column, where };
}
