import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { TransactionGuardLogger } from './transaction-scope';

/** The one description of the database, shared by the Nest app, the CLI and the tests. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: config.logLevel === 'trace' ? ('all' as const) : (['error'] as ('error')[]),
  };
  if (config.database.type === 'mysql') {
    return {
      ...common,
      // A second pool connection taken inside a transaction can deadlock the pool: tests fail on it, production logs it.
      logger: new TransactionGuardLogger(common.logging, config.nodeEnv === 'test'),
      type: 'mysql',
      url: config.database.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      // A dead database must fail start-up quickly with one line, not retry forever.
      connectTimeout: 5000,
      extra: { connectionLimit: config.database.poolSize ?? 20 },
      supportBigNumbers: true,
    };
  }
  fs.mkdirSync(path.dirname(config.database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.path,
    // WAL lets the in-process workers read while a request writes.
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}
