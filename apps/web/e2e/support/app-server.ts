import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';

const REPO = path.resolve(__dirname, '../../../..');
const MYSQL_URL = process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306';
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface RunningApp {
  baseUrl: string;
  dbName: string;
  /** The API's output so far (for failure messages). */
  logs(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, logs: () => string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${logs()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`API not healthy after ${timeoutMs} ms:\n${logs()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Starts the real built app (`node apps/api/dist/main.js`, which serves apps/web/dist) on a fresh
 * MariaDB database with the demo data, BullMQ on the real Redis under a queue prefix of its own.
 */
export async function startApp(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const main = path.join(REPO, 'apps/api/dist/main.js');
  const web = path.join(REPO, 'apps/web/dist/index.html');
  for (const f of [main, web]) if (!fs.existsSync(f)) throw new Error(`${f} is missing: run "npm run build" first`);

  const dbName = `cchc_web_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = await createConnection(MYSQL_URL);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const dropDb = async () => {
    const c = await createConnection(MYSQL_URL);
    await c.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await c.end();
  };

  const queuePrefix = `web_e2e_${dbName}`;
  // The queue's keys in Redis go with the database: nothing of the run is left behind.
  const dropQueueKeys = async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}*`, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  };

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [main], {
    cwd: REPO,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: `${MYSQL_URL.replace(/\/$/, '')}/${dbName}`,
      REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      DEMO_MODE: 'true',
      JWT_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: 'warn',
      LOGIN_THROTTLE_LIMIT: '1000',
      RECONCILE_INTERVAL_MS: '1000',
      // e.g. UNITS_FILES and LINEAGE_FILE for both trees and the 2025 lineage.
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const logs = () => output.slice(-6000);

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await dropDb();
    await dropQueueKeys();
  };

  try {
    await waitForHealth(baseUrl, child, logs);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, dbName, logs, stop };
}
