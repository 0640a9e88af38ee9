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

  it('absorbs a request into a waiting job with the same id, and says when the job is running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    let running = false;
    const job = { queue: QueueName.Rollup, id: 'a__p', payload: { unitCode: 'a', periodId: 'p' } };
    // Added before anyone consumes, so the second request finds it waiting.
    expect(await driver.add(job)).toBe('queued');
    expect(await driver.add(job)).toBe('queued');
    try {
      driver.work(QueueName.Rollup, {
        process: async (payload) => {
          running = true;
          seen.push((payload as { unitCode: string }).unitCode);
          await gate;
        },
      });
      expect(await waitFor(() => running)).toBe(true);
      expect(await driver.add(job)).toBe('running');
      await driver.addFollowUp(job);
    } finally {
      release(); // a close() would wait for the held job
    }
    expect(await waitFor(() => seen.length === 2)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual(['a', 'a']);
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

describe('BullMQ add racing its own job', () => {
  const prefix = `t_race_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let driver: BullMqQueueDriver;
  afterEach(async () => {
    await driver.close();
    await sweep(prefix);
  });

  it('a job that finishes before add looks at it runs once; a request after it finished still gets its own run', async () => {
    driver = new BullMqQueueDriver({ redisUrl, prefix, defaultConcurrency: 1 }, TABLE);
    const runs: number[] = [];
    driver.work(QueueName.Rollup, {
      process: () => {
        runs.push(runs.length + 1);
        return Promise.resolve();
      },
    });
    // The real Queue.add, held until the job it names has finished: add then always looks too late,
    // which is the race a fast worker wins now and then.
    const q = driver.bullQueues().find((b) => b.name === String(QueueName.Rollup))!;
    const realAdd = q.add.bind(q);
    jest.spyOn(q, 'add').mockImplementation(async (...args: Parameters<typeof q.add>) => {
      const added = await realAdd(...args);
      let state = await added.getState();
      while (state !== 'completed' && state !== 'failed') {
        await new Promise((r) => setTimeout(r, 10));
        state = await added.getState();
      }
      return added;
    });
    const job = { queue: QueueName.Rollup, id: 'r__p', payload: { unitCode: 'r', periodId: 'p' } };

    expect(await driver.add(job)).toBe('queued');
    expect(runs).toEqual([1]);
    expect((await driver.counts())[QueueName.Rollup]).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 1 });

    // A new request finds the finished job: that run began before the request, so it runs again, once.
    expect(await driver.add(job)).toBe('queued');
    expect(runs).toEqual([1, 2]);
    expect((await driver.counts())[QueueName.Rollup]).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 1 });
  });
});

describe('BullMQ add racing its own job to a worker', () => {
  const prefix = `t_race_active_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let driver: BullMqQueueDriver;
  afterEach(async () => {
    await driver.close();
    await sweep(prefix);
  });

  it('a job a worker takes before add looks at it needs no follow-up; a request for a job another add made does', async () => {
    driver = new BullMqQueueDriver({ redisUrl, prefix, defaultConcurrency: 1 }, TABLE);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runs: string[] = [];
    driver.work(QueueName.Rollup, {
      process: async (_payload, ctx) => {
        runs.push(ctx.jobId);
        await gate;
      },
    });
    // The real Queue.add, held until the job it names is running: add then always looks too late.
    const q = driver.bullQueues().find((b) => b.name === String(QueueName.Rollup))!;
    const realAdd = q.add.bind(q);
    const spy = jest.spyOn(q, 'add').mockImplementation(async (...args: Parameters<typeof q.add>) => {
      const added = await realAdd(...args);
      while ((await added.getState()) !== 'active') await new Promise((r) => setTimeout(r, 10));
      return added;
    });
    const job = { queue: QueueName.Rollup, id: 'r__p', payload: { unitCode: 'r', periodId: 'p' } };
    try {
      expect(await driver.add(job)).toBe('queued');
      spy.mockRestore();
      // The same job, still running, was made by the first add: this request may come after its reads.
      expect(await driver.add(job)).toBe('running');
    } finally {
      release();
    }
    expect(await waitFor(() => runs.length === 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toEqual(['r__p']);
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
