import { DataSource } from 'typeorm';
import { TcpProxy } from './support/tcp-proxy';
import { createTestDatabase, deleteQueueKeys, infra, startTestApp, TestApp } from './support/test-app';

interface ReadyBody {
  status: 'ok' | 'error';
  checks: Record<'database' | 'migrations' | 'queue', { status: 'up' | 'down'; error?: string }>;
}

/** Polls until `ok(answer)` (a dependency that comes back reconnects on its own schedule); returns the last answer. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, tries = 100): Promise<T> {
  let v = await read();
  for (let i = 0; i < tries && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

describe('liveness and readiness (MariaDB and Redis behind proxies the test cuts)', () => {
  let t: TestApp;
  let dbProxy: TcpProxy;
  let redisProxy: TcpProxy;

  beforeAll(async () => {
    const mysql = new URL(infra.mysqlUrl);
    const redis = new URL(infra.redisUrl);
    dbProxy = await TcpProxy.start(mysql.hostname, Number(mysql.port || 3306));
    redisProxy = await TcpProxy.start(redis.hostname, Number(redis.port || 6379));
    // The app's database is made on the real server; the app itself reaches it only through the proxy.
    const db = await createTestDatabase('ready');
    const viaProxy = new URL(db.url);
    viaProxy.host = `127.0.0.1:${dbProxy.port}`;
    t = await startTestApp({
      DATABASE_URL: viaProxy.toString(),
      REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
      RUN_WORKERS: 'false',
      RECONCILE_INTERVAL_MS: '0',
    });
    const close = t.close.bind(t);
    t.close = async () => {
      await close();
      await db.drop();
    };
  });
  afterAll(async () => {
    dbProxy?.restore();
    redisProxy?.restore();
    await t?.close();
    if (t) await deleteQueueKeys(infra.redisUrl, t.config.queuePrefix);
    await dbProxy?.close();
    await redisProxy?.close();
  });

  const ready = () => t.request<ReadyBody>('GET', '/api/health/ready');

  it('is ready with every check up, and live without a token', async () => {
    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', checks: { database: { status: 'up' }, migrations: { status: 'up' }, queue: { status: 'up' } } });
    const live = await t.request<{ status: string }>('GET', '/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
  });

  it('turns 503 naming the database when the database is cut, stays live, and is ready again once it is back', async () => {
    dbProxy.cut();
    const down = await until(ready, (r) => r.status === 503);
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.body.status).toBe('error');
    expect(down.body.checks.database.status).toBe('down');
    expect(down.body.checks.queue.status).toBe('up');
    expect((await t.request('GET', '/api/health/live')).status).toBe(200);

    dbProxy.restore();
    const back = await until(ready, (r) => r.status === 200);
    expect(back.status).toBe(200);
    expect(back.body.checks.database).toEqual({ status: 'up' });
  });

  it('turns 503 naming the queue when Redis is cut, and back', async () => {
    redisProxy.cut();
    const down = await until(ready, (r) => r.status === 503);
    expect(down.status).toBe(503);
    expect(down.body.checks.queue.status).toBe('down');
    expect(down.body.checks.database.status).toBe('up');

    redisProxy.restore();
    const back = await until(ready, (r) => r.status === 200);
    expect(back.status).toBe(200);
  });

  it('turns 503 naming the migrations while one of this release is not applied', async () => {
    const ds = t.app.get(DataSource);
    const table = ds.options.migrationsTableName ?? 'migrations';
    const [last] = await ds.query<Array<{ id: number; timestamp: string; name: string }>>(`SELECT id, timestamp, name FROM \`${table}\` ORDER BY timestamp DESC LIMIT 1`);
    await ds.query(`DELETE FROM \`${table}\` WHERE id = ?`, [last.id]);
    try {
      const r = await ready();
      expect(r.status).toBe(503);
      expect(r.body.checks.migrations).toEqual({ status: 'down', error: expect.stringContaining('npm run db:migrate') });
    } finally {
      await ds.query(`INSERT INTO \`${table}\` (id, timestamp, name) VALUES (?, ?, ?)`, [last.id, last.timestamp, last.name]);
    }
    expect((await ready()).status).toBe(200);
  });
});
