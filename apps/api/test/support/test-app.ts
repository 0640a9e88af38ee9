import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import IORedis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig, testInfraFromProcess } from '../../src/config/config.schema';

export const infra = testInfraFromProcess();

/** A fresh, empty utf8mb4 database on the real MariaDB, dropped by `drop()`. */
export async function createTestDatabase(prefix = 't'): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `cchc_${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const conn = await createConnection(infra.mysqlUrl);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return {
    name,
    url: `${infra.mysqlUrl.replace(/\/$/, '')}/${name}`,
    async drop() {
      const c = await createConnection(infra.mysqlUrl);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** The two databases the product runs on; suites that must hold on both are parametrized over these. */
export const DATABASES = ['mysql', 'sqlite'] as const;
export type DatabaseKind = (typeof DATABASES)[number];
/**
 * Each database in the shape it is deployed in (MariaDB with BullMQ on Redis; SQLite, the zero-configuration
 * install, with jobs in-process), for `describe.each(DATABASE_SHAPES)('… ($name)', ({ database, env }) => …)`.
 */
export const DATABASE_SHAPES: ReadonlyArray<{ name: string; database: DatabaseKind; env: Record<string, string | undefined> }> = [
  { name: 'MariaDB + BullMQ', database: 'mysql', env: {} },
  { name: 'SQLite + in-process jobs', database: 'sqlite', env: { REDIS_URL: undefined } },
];

/** A fresh SQLite file in its own temporary directory, removed by `drop()`. */
export function createTestSqliteDatabase(prefix = 't'): { name: string; path: string; drop(): Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cchc-${prefix}-`));
  return {
    name: `sqlite_${process.pid}_${path.basename(dir).replace(/[^A-Za-z0-9]/g, '')}`,
    path: path.join(dir, 'db.sqlite'),
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** The MariaDB database's name, or a unique name for the SQLite file (the queue prefix uses it). */
  dbName: string;
  /** Close the app and drop its database. */
  close(): Promise<void>;
  request<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: T; headers: Record<string, unknown>; raw: Buffer }>;
  login(username: string, password?: string): Promise<string>;
}

/**
 * The whole API on a new MariaDB database (or, with `database: 'sqlite'`, a new embedded SQLite file)
 * and the real Redis (BullMQ), with a queue prefix of its own so parallel suites never share jobs.
 * Pass `{ REDIS_URL: undefined }` for the in-process driver.
 */
export async function startTestApp(
  env: Record<string, string | undefined> = {},
  opts: { logDestination?: DestinationStream; database?: DatabaseKind } = {},
): Promise<TestApp> {
  const db =
    opts.database === 'sqlite'
      ? (() => {
          const f = createTestSqliteDatabase();
          // No demo data: SQLite's default, but these suites load their own.
          return { name: f.name, env: { SQLITE_PATH: f.path, DATABASE_URL: undefined, DEMO_MODE: 'false' }, drop: () => f.drop() };
        })()
      : await createTestDatabase().then((m) => ({ name: m.name, env: { DATABASE_URL: m.url }, drop: () => m.drop() }));
  const config = loadConfig({
    NODE_ENV: 'test',
    ...db.env,
    REDIS_URL: infra.redisUrl,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'error',
    QUEUE_PREFIX: `test_${db.name}`,
    RECONCILE_INTERVAL_MS: '500',
    LOGIN_THROTTLE_LIMIT: '1000',
    // Suites read health right after changing what it checks; health-degraded.e2e.ts tests the cache itself.
    HEALTH_CACHE_TTL_MS: '0',
    ...env,
  });
  const app = await createApp(config, opts);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const request: TestApp['request'] = async (method, url, opts = {}) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.headers ?? {}) },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
    const raw = res.rawPayload;
    let body: unknown = res.body;
    try {
      body = JSON.parse(res.body);
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body: body as never, headers: res.headers, raw };
  };
  return {
    app,
    config,
    dbName: db.name,
    request,
    async login(username, password = 'demo') {
      const r = await request<{ accessToken: string }>('POST', '/api/auth/login', { body: { username, password } });
      if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.accessToken;
    },
    async close() {
      await app.close();
      await db.drop();
      // Leave nothing behind in the shared Redis: this app's queue keys go with its database
      // (after close, so no worker or event writes after the sweep).
      if (config.redisUrl) await deleteQueueKeys(config.redisUrl, config.queuePrefix);
    },
  };
}

/** Deletes every key under a BullMQ prefix; a Redis that does not answer (a test's closed port) is skipped. */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    /* unreachable Redis: nothing of ours is there */
  } finally {
    redis.disconnect();
  }
}
