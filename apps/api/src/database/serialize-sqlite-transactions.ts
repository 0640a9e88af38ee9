import { DataSource, EntityManager } from 'typeorm';

/**
 * better-sqlite3 gives TypeORM one connection, so two transactions open at once would nest as
 * savepoints of each other: one's rollback could undo the other's committed answer. On SQLite we
 * therefore run root transactions one after another. (MySQL has a pool and real isolation.)
 */
export function serializeSqliteTransactions(ds: DataSource): DataSource {
  const t = ds.options.type;
  if (t !== 'better-sqlite3' && t !== 'sqlite') return ds;
  const manager = ds.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (manager as { transaction: EntityManager['transaction'] }).transaction = ((...args: unknown[]) => {
    const run = tail.then(() => original(...args));
    tail = run.catch(() => undefined);
    return run;
  });
  return ds;
}
