import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger as NestLogger } from '@nestjs/common';
import { AdvancedConsoleLogger, DataSource, EntityManager, LoggerOptions, QueryRunner } from 'typeorm';

/**
 * A query that takes a second pool connection while its caller holds a transaction deadlocks the
 * pool once as many transactions as connections wait for one more (seen: 30 concurrent approvals
 * with a cold template cache hung the API). Every transaction callback runs in a scope that knows
 * its own query runner; a query from inside it on any other runner is that mistake.
 */
interface Scope {
  runner: QueryRunner | undefined;
  open: boolean;
}

const scope = new AsyncLocalStorage<Scope>();

type TransactionFn = EntityManager['transaction'];

/** Runs every root transaction of `ds` (`ds.transaction`, `repo.manager.transaction`) in a scope. */
export function scopeTransactions(ds: DataSource): DataSource {
  const manager = ds.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as { transaction: TransactionFn }).transaction = ((...args: unknown[]) => {
    const i = typeof args[0] === 'function' ? 0 : 1;
    const work = args[i] as (em: EntityManager) => Promise<unknown>;
    args[i] = (em: EntityManager) => {
      const s: Scope = { runner: em.queryRunner, open: true };
      // Closed when the work settles: something it started and left running may query freely afterwards.
      return scope.run(s, () => work(em).finally(() => (s.open = false)));
    };
    return original(...args);
  });
  return ds;
}

/** Whether a query on `runner` comes from inside a transaction that holds another connection. */
export function isForeignToTransaction(runner: QueryRunner | undefined): boolean {
  const s = scope.getStore();
  return !!s && s.open && runner !== s.runner;
}

export class QueryOutsideTransactionError extends Error {
  constructor(query: string) {
    super(`A query ran on a second connection inside a transaction (pass the transaction's EntityManager): ${query.slice(0, 200)}`);
  }
}

/**
 * TypeORM's console logger plus the check above. `strict` (tests) throws, so the mistake fails the test
 * that makes it; otherwise it is logged once per statement, since throwing would turn a possible
 * deadlock into a certain error.
 */
export class TransactionGuardLogger extends AdvancedConsoleLogger {
  private readonly seen = new Set<string>();
  private readonly nest = new NestLogger('Database');

  constructor(options: LoggerOptions | undefined, private readonly strict: boolean) {
    super(options);
  }

  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    if (isForeignToTransaction(queryRunner)) {
      if (this.strict) throw new QueryOutsideTransactionError(query);
      if (!this.seen.has(query)) {
        this.seen.add(query);
        this.nest.error(new QueryOutsideTransactionError(query).message);
      }
    }
    super.logQuery(query, parameters, queryRunner);
  }
}
