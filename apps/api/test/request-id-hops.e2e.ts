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
 * An approval's X-Request-Id through its rollup: the API enqueues the family's job (the province's, which
 * rolls up the district, then the province), a worker (a separate process's modules, sharing only MariaDB
 * and Redis) runs it, and a job that asks for its parent's job hands the id on. The worker's own JSON log
 * lines show each job under the request's id.
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
    // A job's id is its unit and period, then its own run: `99__2023__<run>`; a district's rollup is its province's job.
    expect(done.map((l) => l.jobId?.split('__').slice(0, 2).join('__'))).toEqual(expect.arrayContaining([`99__${PERIOD}`]));
    expect(done.filter((l) => l.requestId !== undefined)).toEqual([]);
  });

  it("an approval's X-Request-Id names the job that rolls up its district and its province", async () => {
    const from = workerLines.length;
    const approved = await t.request<{ status: string }>('POST', `/api/reports/99101/${PERIOD}/approve`, {
      token: reviewer,
      headers: { 'x-request-id': 'approve-hops-test' },
    });
    expect(approved.status).toBe(200);
    expect(approved.headers['x-request-id']).toBe('approve-hops-test');
    await settled();

    // One hop: the province's job, enqueued by the request (or the next one BullMQ starts from it when
    // the province's previous job was still running). Each job has its own id, `<unit>__<period>__<run>`.
    const done = rollupsDone(from);
    const province = done.filter((l) => l.jobId?.startsWith(`99__${PERIOD}__`));
    expect(province.length).toBeGreaterThanOrEqual(1);
    expect(province.map((l) => l.requestId)).toEqual(province.map(() => 'approve-hops-test'));
    expect(done.filter((l) => l.jobId?.startsWith(`991__`))).toEqual([]);
    // The job in Redis carries it in its data, as the payload type says.
    const job = await rollupQueue().getJob(province[province.length - 1].jobId!);
    expect(job?.data).toEqual({ unitCode: '99', periodId: PERIOD, requestId: 'approve-hops-test' });
    // The approval really reached the district's and the province's figures through that job.
    for (const unitCode of ['991', '99']) {
      const row = await t.app.get(DataSource).getRepository(RollupState).findOneByOrFail({ unitCode, periodId: PERIOD });
      expect(row.dirty).toBe(false);
      expect(row.doneSeq).toBe(row.requestedSeq);
    }
  });

  it("a job that asks for its parent's job hands on the id in its payload, not only the one of the request it runs in", async () => {
    // A middle unit's own job (a district's here, as a tree deeper than three levels would have), asked for
    // from no request at all: after its written pass it asks for its parent's, with the id from its payload.
    const from = workerLines.length;
    await t.app.get(DataSource).transaction((em) => t.app.get(RollupOutboxService).markStale(em, '991', PERIOD));
    await t.app.get(JobQueueService).enqueue(QueueName.Rollup, { unitCode: '991', periodId: PERIOD, requestId: 'carried-in-payload' });
    await settled();
    const done = rollupsDone(from);
    const district = done.filter((l) => l.jobId?.startsWith(`991__${PERIOD}`));
    expect(district.length).toBe(1);
    expect(district[0].requestId).toBe('carried-in-payload');
    const province = done.filter((l) => l.jobId?.startsWith(`99__${PERIOD}`));
    expect(province.length).toBeGreaterThanOrEqual(1);
    expect(province.every((l) => l.requestId === 'carried-in-payload')).toBe(true);
  });

  it('a kick for a district asks for its province\'s job, carrying the id', async () => {
    const from = workerLines.length;
    await t.app.get(DataSource).transaction((em) => t.app.get(RollupOutboxService).markStale(em, '992', PERIOD));
    expect(await t.app.get(RollupOutboxService).kick('992', PERIOD, { requestId: 'kick-992' })).toBe(true);
    await settled();
    const done = rollupsDone(from);
    expect(done.filter((l) => l.jobId?.startsWith('992__'))).toEqual([]);
    const province = done.filter((l) => l.jobId?.startsWith(`99__${PERIOD}`));
    expect(province.length).toBeGreaterThanOrEqual(1);
    expect(province.every((l) => l.requestId === 'kick-992')).toBe(true);
    expect((await t.app.get(DataSource).getRepository(RollupState).findOneByOrFail({ unitCode: '992', periodId: PERIOD })).dirty).toBe(false);
  });
});
