import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { Injectable } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AppConfigModule } from '../src/config/config.module';
import { loadConfig, REPO_ROOT } from '../src/config/config.schema';
import { dataSourceOptions } from '../src/database/data-source-options';
import { UnitsLoaderService } from '../src/modules/units/units-loader.service';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import { UnitsService } from '../src/modules/units/units.service';
import { JobContext, JobProcessor } from '../src/queue/job-processor.decorator';
import { QueueName, RollupJobPayload } from '../src/queue/queue.constants';
import { QueueModule } from '../src/queue/queue.module';
import { JobQueueService } from '../src/queue/queue.service';
import { createTestDatabase, infra, startTestApp } from './support/test-app';

const UNITS_2024 = path.join(REPO_ROOT, 'data/reference/vn-admin-units-2024.json');
const UNITS_2025 = path.join(REPO_ROOT, 'data/reference/vn-admin-units-2025.json');

async function openDataSource(url: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: url })));
  await ds.initialize();
  return ds;
}

describe('MariaDB schema', () => {
  it('migrates an empty database up and back down', async () => {
    const db = await createTestDatabase('mig');
    const ds = await openDataSource(db.url);
    try {
      const ran = await ds.runMigrations();
      expect(ran.length).toBeGreaterThan(0);
      const tables = async () =>
        (await ds.query<Array<{ t: string }>>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()')).map(
          (r) => r.t,
        );
      expect(await tables()).toEqual(
        expect.arrayContaining(['admin_units', 'reports', 'report_values', 'audit_log', 'summaries', 'rollup_state', 'users', 'periods']),
      );
      // A second run finds nothing to do.
      expect(await ds.runMigrations()).toHaveLength(0);
      for (let i = 0; i < ran.length; i++) await ds.undoLastMigration();
      expect((await tables()).filter((t) => t !== 'migrations')).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});

describe('unit trees on MariaDB', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase('units');
    ds = await openDataSource(db.url);
    await ds.runMigrations();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const countLevels = async () => {
    const rows: Array<{ level: string; n: string }> = await ds.query('SELECT level, COUNT(*) AS n FROM admin_units GROUP BY level');
    return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
  };

  it('loads the three-tier 2024 tree, answers subtree queries, and a second load changes nothing', async () => {
    const loader = new UnitsLoaderService(ds, new UnitsService(ds.getRepository(AdminUnit)));
    const first = await loader.loadFile(UNITS_2024);
    expect(first.inserted).toBe(63 + 700 + 10595);
    expect(await countLevels()).toEqual({ province: 63, district: 700, commune: 10595 });

    const repo = ds.getRepository(AdminUnit);
    const quangTho = await repo.findOneByOrFail({ code: '19894' });
    expect(quangTho).toMatchObject({ name: 'Xã Quảng Thọ', level: 'commune', parentCode: '477', path: '/46/477/19894/', depth: 3 });
    const quangDien = await repo.createQueryBuilder('u').where('u.path LIKE :p', { p: '/46/477/%' }).andWhere("u.level = 'commune'").getCount();
    expect(quangDien).toBe(11);
    const hue = await repo.createQueryBuilder('u').where('u.path LIKE :p', { p: '/46/%' }).getCount();
    expect(hue).toBe(1 + 9 + 141); // Thừa Thiên Huế: the province, 9 districts, 141 communes

    const second = await loader.loadFile(UNITS_2024);
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 63 + 700 + 10595 });
    expect(await countLevels()).toEqual({ province: 63, district: 700, commune: 10595 });
  });

  it('loads the two-tier 2025 tree (no districts) through the same code', async () => {
    const db2 = await createTestDatabase('units25');
    const ds2 = await openDataSource(db2.url);
    try {
      await ds2.runMigrations();
      const loader = new UnitsLoaderService(ds2, new UnitsService(ds2.getRepository(AdminUnit)));
      await loader.loadFile(UNITS_2025);
      const rows: Array<{ level: string; n: string }> = await ds2.query('SELECT level, COUNT(*) AS n FROM admin_units GROUP BY level');
      expect(Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]))).toEqual({ province: 34, commune: 3321 });
      const hanoi = await ds2.getRepository(AdminUnit).createQueryBuilder('u').where('u.path LIKE :p', { p: '/01/%' }).andWhere("u.level = 'commune'").getCount();
      const expected = (JSON.parse(fs.readFileSync(UNITS_2025, 'utf8')) as { provinces: Array<{ code: string; communes: unknown[] }> }).provinces.find((p) => p.code === '01')!.communes.length;
      expect(hanoi).toBe(expected);
      const again = await loader.loadFile(UNITS_2025);
      expect(again).toMatchObject({ inserted: 0, updated: 0 });
    } finally {
      await ds2.destroy();
      await db2.drop();
    }
  });
});

@Injectable()
@JobProcessor(QueueName.Rollup)
class RecordingProcessor {
  readonly seen: Array<RollupJobPayload & { attempt: number }> = [];
  failFirst = false;
  async process(payload: RollupJobPayload, ctx: JobContext): Promise<void> {
    if (this.failFirst && ctx.attempt === 1) throw new Error('first attempt fails');
    this.seen.push({ ...payload, attempt: ctx.attempt });
  }
}

/** Every queue needs its processor in a process that runs workers; this suite watches only the rollup queue. */
// Every queue needs a processor in a process that runs workers; these tests exercise only the rollup queue.
@Injectable()
@JobProcessor(QueueName.ParDeadline)
class IdleDeadlineProcessor {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

@Injectable()
@JobProcessor(QueueName.NoticeEmail)
class IdleNoticeEmailProcessor {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

@Injectable()
@JobProcessor(QueueName.Reminders)
class IdleRemindersProcessor {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

describe('job driver', () => {
  async function moduleWith(env: Record<string, string | undefined>) {
    const config = loadConfig({ LOG_LEVEL: 'error', ...env });
    const mod = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), JwtModule.register({ global: true, secret: 'x'.repeat(32) }), QueueModule],
      providers: [RecordingProcessor, IdleDeadlineProcessor, IdleNoticeEmailProcessor, IdleRemindersProcessor],
    }).compile();
    mod.useLogger(false);
    await mod.init();
    return { mod, queue: mod.get(JobQueueService), proc: mod.get(RecordingProcessor) };
  }

  const waitFor = async (cond: () => boolean, ms = 15000) => {
    const until = Date.now() + ms;
    while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    return cond();
  };

  it('runs a job enqueued through BullMQ on the real Redis, retrying a failed attempt', async () => {
    const { mod, queue, proc } = await moduleWith({ REDIS_URL: infra.redisUrl, QUEUE_PREFIX: `t_drv_${process.pid}` });
    try {
      expect(queue.mode).toBe('bullmq');
      proc.failFirst = true;
      await queue.enqueue(QueueName.Rollup, { unitCode: '477', periodId: '2023' });
      // The driver may queue one follow-up behind a job it finds running; the first run is what counts here.
      expect(await waitFor(() => proc.seen.length >= 1)).toBe(true);
      expect(proc.seen[0]).toEqual({ unitCode: '477', periodId: '2023', attempt: 2 });
      const h = await queue.health();
      expect(h).toMatchObject({ mode: 'bullmq', up: true });
      for (const q of queue.bullQueues()) await q.obliterate({ force: true });
    } finally {
      await mod.close();
    }
  });

  it('runs the same processor in-process without Redis, one job per id while it waits', async () => {
    const { mod, queue, proc } = await moduleWith({});
    try {
      expect(queue.mode).toBe('in-process');
      await queue.enqueue(QueueName.Rollup, { unitCode: '477', periodId: '2023' });
      await queue.enqueue(QueueName.Rollup, { unitCode: '477', periodId: '2023' });
      await queue.enqueue(QueueName.Rollup, { unitCode: '478', periodId: '2023' });
      await queue.drain();
      expect(proc.seen.map((s) => s.unitCode).sort()).toEqual(['477', '478']);
    } finally {
      await mod.close();
    }
  });
});

describe('the API on each storage', () => {
  it('serves health on MariaDB + BullMQ', async () => {
    const t = await startTestApp();
    try {
      const r = await t.request<{ status: string; info: { database: { driver: string }; queue: { mode: string } } }>('GET', '/api/health');
      expect(r.status).toBe(200);
      expect(r.body.info.database.driver).toBe('mysql');
      expect(r.body.info.queue.mode).toBe('bullmq');
    } finally {
      await t.close();
    }
  });

  it('answers 503 naming the queue when Redis is unreachable', async () => {
    const t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1', RECONCILE_INTERVAL_MS: '0' });
    try {
      const r = await t.request<{ error: string; details: { error: Record<string, { status: string }>; info: Record<string, unknown> } }>('GET', '/api/health');
      expect(r.status).toBe(503);
      expect(r.body.error).toBe('service_unavailable');
      expect(r.body.details.error['queue']).toMatchObject({ status: 'down', mode: 'bullmq' });
      expect(r.body.details.info['database']).toMatchObject({ status: 'up' });
    } finally {
      await t.close();
    }
  });

  it('serves health, units and the OpenAPI document on the embedded SQLite with in-process jobs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-sqlite-'));
    const { createApp } = await import('../src/app.factory');
    const { BootstrapService } = await import('../src/bootstrap/bootstrap.service');
    const config = loadConfig({ SQLITE_PATH: path.join(dir, 'db.sqlite'), LOG_LEVEL: 'error', DEMO_MODE: 'false' });
    const app = await createApp(config);
    try {
      await app.init();
      await app.get(BootstrapService).prepare();
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json<{ info: unknown }>().info).toMatchObject({ database: { driver: 'better-sqlite3' }, queue: { mode: 'in-process' } });
      const docs = await app.inject({ method: 'GET', url: '/api/docs-json' });
      expect(docs.statusCode).toBe(200);
      expect(Object.keys(docs.json<{ paths: object }>().paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/units/{code}']));
      const units = await app.get(DataSource).query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM admin_units');
      expect(Number(units[0].n)).toBe(63 + 700 + 10595);
      const anon = await app.inject({ method: 'GET', url: '/api/units/46' });
      expect(anon.statusCode).toBe(401);
      expect(anon.json()).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('đăng nhập') });
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('start-up', () => {
  const main = path.join(__dirname, '../dist/main.js');

  it('fails fast with one readable line when the database is unreachable', async () => {
    expect(fs.existsSync(main)).toBe(true); // `npm test` builds first
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: 'mysql://nobody@127.0.0.1:1/x', LOG_LEVEL: 'fatal', PORT: '3998' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Start-up failed: .*ECONNREFUSED/);
  });

  it('refuses a bad configuration before touching anything', async () => {
    const child = spawn(process.execPath, [main], { env: { PATH: process.env['PATH'] ?? '', PORT: 'abc' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^Invalid configuration — PORT: /);
  });
});
