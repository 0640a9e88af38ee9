import { Writable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { createRootLogger, JsonLogger } from '../src/common/logging/json-logger';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { RollupOutboxService } from '../src/modules/rollups/rollup-outbox.service';
import { QueueName } from '../src/queue/queue.constants';
import { JobQueueService } from '../src/queue/queue.service';
import { WorkerModule } from '../src/worker.module';
import { validValues } from './support/reports-fixtures';
import { PERIOD, startRollupApp, waitForRollups, writeReport } from './support/rollup-fixtures';
import type { TestApp } from './support/test-app';

interface LogLine {
  msg?: string;
  requestId?: string;
  queue?: string;
  jobId?: string;
  context?: string;
}

/** A JSON-lines sink, as a process's stdout would be. */
function lineSink(into: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      into.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
}

/**
 * An approval's X-Request-Id through both hops of its rollup: the API enqueues the district's job, the
 * district's job (in a separate worker, sharing only MariaDB and Redis) enqueues the province's. The
 * worker's own JSON log lines show each job under the request's id.
 */
describe('request id on every rollup hop (MariaDB + BullMQ, API and worker apart)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let reviewer: string;
  const workerLines: string[] = [];

  beforeAll(async () => {
    // The API runs no jobs and nothing reconciles: every job here comes from a request or from the job before it.
    ({ t } = await startRollupApp({ RUN_WORKERS: 'false', RECONCILE_INTERVAL_MS: '0' }));
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot({ ...t.config, runWorkers: true, migrateOnStart: false, reconcileIntervalMs: 0, logLevel: 'debug' }),
      { logger: new JsonLogger(createRootLogger('debug', lineSink(workerLines))) },
    );
    await worker.init();
    reviewer = await t.login('huyen.991', 'secret-pass');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const rollupQueue = () => t.app.get(JobQueueService).bullQueues().find((q) => q.name === String(QueueName.Rollup))!;

  /** No rollup owed and no rollup job waiting, delayed or running (a parent's job may outlive its settle). */
  async function settled(): Promise<void> {
    await waitForRollups(t.app);
    const until = Date.now() + 30_000;
    for (;;) {
      const c = await rollupQueue().getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      if (Object.values(c).every((n) => n === 0)) return;
      if (Date.now() > until) throw new Error(`rollup jobs still pending: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The worker's "job done" lines of the rollup queue logged from `from` on. */
  const rollupsDone = (from: number): LogLine[] =>
    workerLines
      .slice(from)
      .map((l) => JSON.parse(l) as LogLine)
      .filter((l) => l.msg === 'job done' && l.queue === String(QueueName.Rollup));

  it('jobs enqueued outside any request log without a request id', async () => {
    const from = workerLines.length;
    await writeReport(t.app, '99101', validValues('hops-99101'), 'submitted');
    await settled();
    const done = rollupsDone(from);
    // A job's id is its unit and period, then its own run: `991__2023__<run>`.
    expect(done.map((l) => l.jobId?.split('__').slice(0, 2).join('__'))).toEqual(expect.arrayContaining([`991__${PERIOD}`, `99__${PERIOD}`]));
    expect(done.filter((l) => l.requestId !== undefined)).toEqual([]);
  });

  it("an approval's X-Request-Id names the district's job and, handed on by it, the province's job", async () => {
    const from = workerLines.length;
    const approved = await t.request<{ status: string }>('POST', `/api/reports/99101/${PERIOD}/approve`, {
      token: reviewer,
      headers: { 'x-request-id': 'approve-hops-test' },
    });
    expect(approved.status).toBe(200);
    expect(approved.headers['x-request-id']).toBe('approve-hops-test');
    await settled();

    const done = rollupsDone(from);
    // Hop 1: the district's job, enqueued by the request. Hop 2: the province's, enqueued by that job (or
    // the next one BullMQ starts from it when the province's previous job was still running). Each job has
    // its own id, `<unit>__<period>__<run>`.
    const district = done.filter((l) => l.jobId?.startsWith(`991__${PERIOD}__`));
    expect(district.length).toBeGreaterThanOrEqual(1);
    expect(district.map((l) => l.requestId)).toEqual(district.map(() => 'approve-hops-test'));
    const province = done.filter((l) => l.jobId?.startsWith(`99__${PERIOD}__`));
    expect(province.length).toBeGreaterThanOrEqual(1);
    expect(province.map((l) => l.requestId)).toEqual(province.map(() => 'approve-hops-test'));
    // And the province's job in Redis carries it in its data, as the payload type says.
    const job = await rollupQueue().getJob(province[province.length - 1].jobId!);
    expect(job?.data).toEqual({ unitCode: '99', periodId: PERIOD, requestId: 'approve-hops-test' });
    // The approval really reached the province's figures through the two hops.
    const row = await t.app.get(DataSource).getRepository(RollupState).findOneByOrFail({ unitCode: '99', periodId: PERIOD });
    expect(row.dirty).toBe(false);
    expect(row.doneSeq).toBe(row.requestedSeq);
  });

  it('a job hands on the id in its payload, not only the one of the request it runs in', async () => {
    // Asked for from no request at all (as a job asking for its parent is): the id travels in the payload.
    const from = workerLines.length;
    await t.app.get(DataSource).transaction((em) => t.app.get(RollupOutboxService).markStale(em, '991', PERIOD));
    expect(await t.app.get(RollupOutboxService).kick('991', PERIOD, { requestId: 'carried-in-payload' })).toBe(true);
    await settled();
    const done = rollupsDone(from);
    const district = done.filter((l) => l.jobId?.startsWith(`991__${PERIOD}`));
    expect(district.length).toBeGreaterThanOrEqual(1);
    expect(district.every((l) => l.requestId === 'carried-in-payload')).toBe(true);
    const province = done.filter((l) => l.jobId?.startsWith(`99__${PERIOD}`));
    expect(province.length).toBeGreaterThanOrEqual(1);
    expect(province.every((l) => l.requestId === 'carried-in-payload')).toBe(true);
  });
});
