import { EntityManager, ObjectLiteral } from 'typeorm';
import { isMysql } from './write-transaction';

/** Rows per INSERT: 500 × ~10 parameters stays well under MySQL's and SQLite's parameter limits. */
export const INSERT_CHUNK = 500;

/** An upsert: on an existing `key`, only the `update` columns (database names) take the new row's values. */
export interface OnConflict {
  key: string[];
  update: string[];
}

/**
 * Plain multi-row INSERTs, `chunk` rows each (TypeORM's entity insert costs more CPU than the database
 * work here), or upserts with `onConflict` (MySQL/MariaDB and SQLite). The column list and value
 * conversions (transformers, simple-json) come from the entity's metadata, so a column added to the
 * entity is written without touching this.
 */
export async function insertRows<T extends ObjectLiteral>(
  em: EntityManager,
  target: new () => T,
  rows: Partial<T>[],
  chunk = INSERT_CHUNK,
  onConflict?: OnConflict,
): Promise<void> {
  if (rows.length === 0) return;
  const meta = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const columns = meta.columns.filter((c) => !c.isGenerated && !c.isVirtual);
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const esc = (c: string) => driver.escape(c);
  const head = `INSERT INTO ${esc(meta.tableName)} (${columns.map((c) => esc(c.databaseName)).join(', ')}) VALUES `;
  const tail = !onConflict
    ? ''
    : isMysql(em)
      ? ` ON DUPLICATE KEY UPDATE ${onConflict.update.map((c) => `${esc(c)} = VALUES(${esc(c)})`).join(', ')}`
      : ` ON CONFLICT (${onConflict.key.map(esc).join(', ')}) DO UPDATE SET ${onConflict.update.map((c) => `${esc(c)} = excluded.${esc(c)}`).join(', ')}`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    // TypeORM types entity values as any; they go straight to the driver as bound parameters.
    const params: unknown[] = part.flatMap((row) => columns.map((c): unknown => (driver.preparePersistentValue(c.getEntityValue(row, true), c) as unknown) ?? null));
    await em.query(head + part.map(() => placeholders).join(', ') + tail, params);
  }
}
