import { Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { testInfraFromProcess } from '../config/config.schema';
import { BullMqQueueDriver } from './bullmq-queue.driver';
import { InProcessQueueDriver } from './in-process-queue.driver';
import type { QueueDriver } from './queue-driver';
import { QUEUE_OPTIONS, QueueName, QueueOptionsTable, backoffDelayMs } from './queue.constants';

const { redisUrl } = testInfraFromProcess();

/** The production table with a shorter schedule, so a test can watch every attempt; both drivers get the same one. */
const TABLE: QueueOptionsTable = {
  ...QUEUE_OPTIONS,
  [QueueName.Rollup]: { ...QUEUE_OPTIONS[QueueName.Rollup], attempts: 4, backoff: { type: 'exponential', delayMs: 40 }, keepFailed: 1 },
  [QueueName.ParDeadline]: QUEUE_OPTIONS[QueueName.ParDeadline],
};

async function sweep(prefix: string): Promise<void> {
  const r = new IORedis(redisUrl);
  try {
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length) await r.del(...keys);
  } finally {
    r.disconnect();
  }
}

// The drivers log each failed attempt; the assertions below say what matters.
Logger.overrideLogger(false);

const waitFor = async (cond: () => boolean, ms = 20_000): Promise<boolean> => {
  const until = Date.now() + ms;
  while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return cond();
};

describe.each<[string, (prefix: string) => QueueDriver]>([
  ['in-process', () => new InProcessQueueDriver(TABLE, 2)],
  ['BullMQ on the real Redis', (prefix) => new BullMqQueueDriver({ redisUrl, prefix, defaultConcurrency: 2 }, TABLE)],
])('%s driver and the options table', (_, make) => {
  const prefix = `t_drivers_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let driver: QueueDriver;
  beforeEach(() => {
    driver = make(prefix);
  });
  afterEach(async () => {
    await driver.close();
    await sweep(prefix);
  });

  it('makes exactly `attempts` tries of a failing job, backing off between them, then reports it failed once', async () => {
    const tries: Array<{ attempt: number; at: number }> = [];
    const failed: string[] = [];
    driver.work(QueueName.Rollup, {
      process: (_payload, ctx) => {
        tries.push({ attempt: ctx.attempt, at: Date.now() });
        return Promise.reject(new Error(`attempt ${ctx.attempt} fails`));
      },
      onFailed: (_payload, error) => {
        failed.push(error.message);
        return Promise.resolve();
      },
    });
    await driver.add({ queue: QueueName.Rollup, id: 'u__p', payload: { unitCode: 'u', periodId: 'p' } });
    expect(await waitFor(() => failed.length > 0)).toBe(true);
    // Nothing runs after the last attempt.
    await new Promise((r) => setTimeout(r, 300));
    const opts = TABLE[QueueName.Rollup];
    expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3, 4]);
    expect(failed).toEqual([`attempt ${opts.attempts} fails`]);
    for (let i = 1; i < tries.length; i++) {
      expect(tries[i].at - tries[i - 1].at).toBeGreaterThanOrEqual(backoffDelayMs(opts, i) - 5);
    }
    await waitFor(() => false, 100);
    expect((await driver.counts())[QueueName.Rollup]).toMatchObject({ waiting: 0, active: 0, failed: 1 });
  });

  it('absorbs a request into a waiting job with the same id, and runs once more, with the newest request, for requests that came while it ran', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: Array<string | undefined> = [];
    let running = false;
    const job = (requestId: string) => ({ queue: QueueName.Rollup, id: 'a__p', payload: { unitCode: 'a', periodId: 'p', requestId } });
    // Added before anyone consumes, so the second request finds it waiting.
    await driver.add(job('w1'));
    await driver.add(job('w2'));
    try {
      driver.work(QueueName.Rollup, {
        process: async (payload) => {
          running = true;
          seen.push((payload as { requestId?: string }).requestId);
          await gate;
        },
      });
      expect(await waitFor(() => running)).toBe(true);
      // Three requests while it runs: one run after it, for the last of them.
      for (const r of ['r1', 'r2', 'r3']) await driver.add(job(r));
      expect((await driver.counts())[QueueName.Rollup]).toMatchObject({ active: 1 });
    } finally {
      release(); // a close() would wait for the held job
    }
    expect(await waitFor(() => seen.length === 2)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe('r3');
  });

  it('folds a request for a running job of a queue without follow-ups into it (a reminders pass)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const job = { queue: QueueName.Reminders, id: 'reminders__now', payload: {} };
    try {
      driver.work(QueueName.Reminders, {
        process: async () => {
          runs++;
          await gate;
        },
      });
      await driver.add(job);
      expect(await waitFor(() => runs === 1)).toBe(true);
      await driver.add(job);
    } finally {
      release();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toBe(1);
    // Finished: the id is free, and the next request is a run of its own.
    await driver.add(job);
    expect(await waitFor(() => runs === 2)).toBe(true);
  });

  it('never runs two jobs of one id at once, and the last run starts after the last request', async () => {
    const starts: number[] = [];
    let active = 0;
    let most = 0;
    driver.work(QueueName.Rollup, {
      process: async () => {
        starts.push(Date.now());
        most = Math.max(most, ++active);
        await new Promise((r) => setTimeout(r, 15));
        active--;
      },
    });
    let lastAdd = 0;
    for (let i = 0; i < 30; i++) {
      // Taken before the add: a run that starts after the add's script did may start before add() returns.
      lastAdd = Date.now();
      await driver.add({ queue: QueueName.Rollup, id: 'n__p', payload: { unitCode: 'n', periodId: 'p' } });
      await new Promise((r) => setTimeout(r, i % 3 === 0 ? 12 : 2));
    }
    await waitFor(() => false, 400);
    expect(most).toBe(1);
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.length).toBeLessThan(30);
    expect(starts[starts.length - 1]).toBeGreaterThanOrEqual(lastAdd);
  });

  it('close() waits for the job running now, so it never meets a closed database', async () => {
    let started = false;
    let finished = false;
    driver.work(QueueName.Rollup, {
      process: async () => {
        started = true;
        await new Promise((r) => setTimeout(r, 300));
        finished = true;
      },
    });
    await driver.add({ queue: QueueName.Rollup, id: 'c__p', payload: { unitCode: 'c', periodId: 'p' } });
    expect(await waitFor(() => started)).toBe(true);
    await driver.close();
    expect(finished).toBe(true);
  });

  it('holds a delayed job back: one added later without a delay runs first (a PAR stage deadline)', async () => {
    const seen: string[] = [];
    driver.work(QueueName.ParDeadline, {
      process: (payload) => {
        seen.push((payload as { stage: string }).stage);
        return Promise.resolve();
      },
    });
    await driver.add({ queue: QueueName.ParDeadline, id: 'r__late', payload: { roundId: 1, stage: 'late', deadline: '2030-01-01T00:00:00Z' }, delayMs: 700 });
    await driver.add({ queue: QueueName.ParDeadline, id: 'r__now', payload: { roundId: 1, stage: 'now', deadline: '2020-01-01T00:00:00Z' } });
    expect(await waitFor(() => seen.length === 2)).toBe(true);
    expect(seen).toEqual(['now', 'late']);
  });

  it('counts this process as a live worker once it consumes a queue', async () => {
    driver.work(QueueName.Rollup, { process: () => Promise.resolve() });
    expect(await waitFor(() => driver.workingHere === 1)).toBe(true);
    let live = await driver.liveWorkers();
    for (let i = 0; i < 20 && live.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      live = await driver.liveWorkers();
    }
    expect(live.map((w) => w.pid)).toEqual([process.pid]);
  });
});

describe('BullMQ jobs of one id across processes', () => {
  const prefix = `t_dedup_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const drivers: BullMqQueueDriver[] = [];
  afterEach(async () => {
    await Promise.all(drivers.splice(0).map((d) => d.close()));
    await sweep(prefix);
  });

  it('a request after the job finished gets its own run, and each finished job stays, with its own id, for inspection', async () => {
    const driver = new BullMqQueueDriver({ redisUrl, prefix, defaultConcurrency: 1 }, TABLE);
    drivers.push(driver);
    const runs: string[] = [];
    driver.work(QueueName.Rollup, {
      process: (_payload, ctx) => {
        runs.push(ctx.jobId);
        return Promise.resolve();
      },
    });
    const job = (requestId: string) => ({ queue: QueueName.Rollup, id: 'r__p', payload: { unitCode: 'r', periodId: 'p', requestId } });
    await driver.add(job('first'));
    expect(await waitFor(() => runs.length === 1)).toBe(true);
    await waitFor(() => false, 100);
    await driver.add(job('second'));
    expect(await waitFor(() => runs.length === 2)).toBe(true);
    expect(runs[0]).not.toBe(runs[1]);
    for (const id of runs) expect(id.startsWith('r__p__')).toBe(true);
    await waitFor(() => false, 100);
    const q = driver.bullQueues().find((b) => b.name === String(QueueName.Rollup))!;
    const kept = await q.getJobs(['completed']);
    expect(kept.map((j) => (j.data as { requestId: string }).requestId).sort()).toEqual(['first', 'second']);
    expect((await driver.counts())[QueueName.Rollup]).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 2 });
  });

  it('two worker processes (two drivers) and two producers never run one id twice at once, and lose no request', async () => {
    const TWO = { ...TABLE, [QueueName.Rollup]: { ...TABLE[QueueName.Rollup], concurrency: 2 } };
    const workers = [0, 1].map(() => new BullMqQueueDriver({ redisUrl, prefix, defaultConcurrency: 2 }, TWO));
    const producers = [0, 1].map(() => new BullMqQueueDriver({ redisUrl, prefix, defaultConcurrency: 2 }, TWO));
    drivers.push(...workers, ...producers);
    const active = new Map<string, number>();
    const most = new Map<string, number>();
    const lastStart = new Map<string, number>();
    for (const w of workers) {
      w.work(QueueName.Rollup, {
        process: async (payload) => {
          const u = (payload as { unitCode: string }).unitCode;
          lastStart.set(u, Date.now());
          active.set(u, (active.get(u) ?? 0) + 1);
          most.set(u, Math.max(most.get(u) ?? 0, active.get(u)!));
          await new Promise((r) => setTimeout(r, 10));
          active.set(u, active.get(u)! - 1);
        },
      });
    }
    const lastAdd = new Map<string, number>();
    await Promise.all(
      producers.map(async (p, n) => {
        for (let i = 0; i < 40; i++) {
          const u = ['x', 'y', 'z'][(i + n) % 3];
          lastAdd.set(u, Math.max(lastAdd.get(u) ?? 0, Date.now()));
          await p.add({ queue: QueueName.Rollup, id: `${u}__p`, payload: { unitCode: u, periodId: 'p' } });
          await new Promise((r) => setTimeout(r, 3));
        }
      }),
    );
    await waitFor(() => false, 500);
    for (const u of ['x', 'y', 'z']) {
      expect([u, most.get(u)]).toEqual([u, 1]);
      // The request's change is seen by a run that started after it.
      expect(lastStart.get(u)!).toBeGreaterThanOrEqual(lastAdd.get(u)!);
    }
    expect((await producers[0].counts())[QueueName.Rollup]).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
  });
});

describe('BullMQ heartbeats', () => {
  it('a producer-only process sees no live worker; a stopped worker leaves at once', async () => {
    const prefix = `t_beat_${process.pid}`;
    const producer = new BullMqQueueDriver({ redisUrl, prefix, defaultConcurrency: 1 }, QUEUE_OPTIONS);
    const worker = new BullMqQueueDriver({ redisUrl, prefix, defaultConcurrency: 1 }, QUEUE_OPTIONS);
    try {
      expect(await producer.liveWorkers()).toEqual([]);
      worker.work(QueueName.Rollup, { process: () => Promise.resolve() });
      expect(await waitFor(() => false, 300)).toBe(false);
      expect((await producer.liveWorkers()).map((w) => w.pid)).toEqual([process.pid]);
      await worker.close();
      expect(await producer.liveWorkers()).toEqual([]);
    } finally {
      await worker.close();
      await producer.close();
      await sweep(prefix);
    }
  });
});
