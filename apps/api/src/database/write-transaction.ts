import { DataSource, EntityManager } from 'typeorm';

/** Deadlock (1213) and lock-wait timeout (1205): the transaction was rolled back whole and may simply run again. */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const RETRYABLE_ERRNO = new Set([1213, 1205]);
export const WRITE_ATTEMPTS = 4;

export function isMysql(db: DataSource | EntityManager): boolean {
  const type = (db instanceof DataSource ? db : db.connection).options.type;
  return type === 'mysql' || type === 'mariadb';
}

export function isRetryableLockError(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = err?.driverError?.code ?? err?.code;
  const errno = err?.driverError?.errno ?? err?.errno;
  return (code !== undefined && RETRYABLE.has(code)) || (errno !== undefined && RETRYABLE_ERRNO.has(errno));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A write transaction as every report writer (and rollups) runs it: READ COMMITTED on MySQL —
 * no gap locks on searches, so concurrent creators of different reports do not deadlock on the
 * empty ranges they looked at — and a deadlock or lock-wait timeout retried a few times with
 * jittered backoff before it reaches the client. `work` must be safe to re-run (all of its
 * writes are inside the transaction, which the server rolled back). SQLite runs transactions
 * one at a time, so neither applies there.
 */
export async function writeTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>, attempts = WRITE_ATTEMPTS): Promise<T> {
  if (!isMysql(ds)) return ds.transaction(work);
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.transaction('READ COMMITTED', work);
    } catch (e) {
      if (attempt >= attempts || !isRetryableLockError(e)) throw e;
      await sleep(10 * 2 ** attempt + Math.floor(Math.random() * 40));
    }
  }
}
