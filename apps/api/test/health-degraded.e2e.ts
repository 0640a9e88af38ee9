import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { HealthChecksService } from '../src/modules/health/health-checks.service';
import { RollupOutboxService } from '../src/modules/rollups/rollup-outbox.service';
import { RollupStateRepository } from '../src/modules/rollups/rollup-state.repository';
import { WorkerModule } from '../src/worker.module';
import { startTestApp, TestApp } from './support/test-app';

interface HealthBody {
  status: string;
  degraded?: Array<{ component: string; message: string; messageEn: string }>;
  info: { workers: { alive: number | null }; rollups: { failed: number | null }; queue: { mode: string } };
}

describe('health: degraded when no worker is alive or a rollup failed (MariaDB + real Redis)', () => {
  let t: TestApp;
  let worker: INestApplicationContext | null = null;
  const health = async () => {
    const r = await t.request<HealthBody>('GET', '/api/health');
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: 'false', RECONCILE_INTERVAL_MS: '0' });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('an API without workers and no worker process says degraded, naming the workers', async () => {
    const body = await health();
    expect(body.status).toBe('degraded');
    expect(body.info.workers.alive).toBe(0);
    expect(body.degraded).toEqual([expect.objectContaining({ component: 'workers', messageEn: expect.stringContaining('No worker process is alive') })]);
  });

  it('a worker process (WorkerModule, no HTTP pieces) on the same Redis makes it ok; stopping it makes it degraded again', async () => {
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot({ ...t.config, runWorkers: true, migrateOnStart: false, reconcileIntervalMs: 0 }),
      { logger: false },
    );
    await worker.init();
    const modules = [...worker.get(ModulesContainer).values()];
    expect(modules.filter((m) => m.controllers.size > 0).map((m) => m.name)).toEqual([]);
    expect(modules.map((m) => m.name)).not.toEqual(expect.arrayContaining(['ThrottlerModule']));
    expect(modules.map((m) => m.name)).not.toContain('HealthModule');

    // The first heartbeat is written just after the worker starts consuming.
    let ok = await health();
    for (let i = 0; i < 40 && ok.status !== 'ok'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      ok = await health();
    }
    expect(ok.status).toBe('ok');
    expect(ok.info.workers.alive).toBe(1);
    expect(ok.degraded).toBeUndefined();

    await worker.close();
    worker = null;
    expect((await health()).degraded?.map((d) => d.component)).toEqual(['workers']);
  });

  it('a rollup that failed and is still owed is a second reason, naming the unit and the error', async () => {
    const ds = t.app.get(DataSource);
    await ds.transaction((em) => t.app.get(RollupOutboxService).markStale(em, '99', '2031'));
    await t.app.get(RollupStateRepository).recordFailure('99', '2031', new Error('summary_coverage is missing'));
    const body = await health();
    expect(body.status).toBe('degraded');
    expect(body.info.rollups.failed).toBe(1);
    const rollups = body.degraded!.find((d) => d.component === 'rollups');
    expect(rollups?.messageEn).toContain('99/2031: summary_coverage is missing');
    expect(rollups?.message).toContain('bị lỗi');
  });
});

describe('health caches its checks briefly (HEALTH_CACHE_TTL_MS)', () => {
  it('requests within the TTL share one run of the checks, so polling cannot hammer the database', async () => {
    const t = await startTestApp({ RUN_WORKERS: 'false', RECONCILE_INTERVAL_MS: '0', HEALTH_CACHE_TTL_MS: '10000' });
    try {
      const rollups = jest.spyOn(t.app.get(HealthChecksService), 'rollups');
      const answers = await Promise.all([1, 2, 3, 4, 5].map(() => t.request<HealthBody>('GET', '/api/health')));
      answers.push(await t.request<HealthBody>('GET', '/api/health'));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(answers.map((a) => a.body.info.workers.alive)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(rollups).toHaveBeenCalledTimes(1);
    } finally {
      await t.close();
    }
  });
});

describe('health with in-process jobs', () => {
  it('is ok without Redis: the API is its own worker', async () => {
    const t = await startTestApp({ REDIS_URL: undefined, RECONCILE_INTERVAL_MS: '0' });
    try {
      const r = await t.request<HealthBody>('GET', '/api/health');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'ok', info: { queue: { mode: 'in-process' }, workers: { alive: 1 }, rollups: { failed: 0 } } });
    } finally {
      await t.close();
    }
  });
});
