import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config.schema';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { RollupOutboxService } from '../src/modules/rollups/rollup-outbox.service';
import { RollupStateRepository } from '../src/modules/rollups/rollup-state.repository';
import { loadTestTree, PERIOD, startRollupApp, waitForRollups } from './support/rollup-fixtures';

const METRICS_TOKEN = 'metrics-token-for-the-lag-test-01';

interface Driver {
  app: NestFastifyApplication;
  close(): Promise<void>;
}

/** MariaDB with BullMQ, and the embedded SQLite with the in-process driver: the bookkeeping is SQL of both. */
const drivers: Array<[string, () => Promise<Driver>]> = [
  [
    'MariaDB + BullMQ',
    async () => {
      const { t } = await startRollupApp({ METRICS_TOKEN, RECONCILE_INTERVAL_MS: '0' });
      return { app: t.app, close: () => t.close() };
    },
  ],
  [
    'SQLite + in-process',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-lag-'));
      const app = await createApp(
        loadConfig({ NODE_ENV: 'test', SQLITE_PATH: path.join(dir, 'db.sqlite'), LOG_LEVEL: 'error', RECONCILE_INTERVAL_MS: '0', METRICS_TOKEN }),
      );
      await app.init();
      await loadTestTree(app);
      return {
        app,
        async close() {
          await app.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];

/**
 * The rollup lag counts from the oldest change a summary does not hold yet: a unit re-marked by every
 * approval keeps the time it first became owed, and the lag falls back only when a pass takes it in.
 */
describe.each(drivers)('rollup lag from the oldest owed change (%s)', (_name, start) => {
  let d: Driver;
  beforeAll(async () => {
    d = await start();
  });
  afterAll(async () => {
    await d?.close();
  });

  const state = (unitCode: string) => d.app.get(DataSource).getRepository(RollupState).findOneByOrFail({ unitCode, periodId: PERIOD });
  const mark = (unitCode: string) => d.app.get(DataSource).transaction((em) => d.app.get(RollupOutboxService).markStale(em, unitCode, PERIOD));
  const lag = async (): Promise<number> => {
    const r = await d.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(r.statusCode).toBe(200);
    const m = /^cchc_rollup_lag_seconds (\S+)$/m.exec(r.body);
    expect(m).not.toBeNull();
    return Number(m![1]);
  };
  // Whole seconds: both databases store milliseconds, so the value reads back exactly.
  const minutesAgo = (n: number) => new Date(Math.floor(Date.now() / 1000) * 1000 - n * 60_000);

  it('a unit marked again and again keeps the time it first became owed, and the lag shows it', async () => {
    await mark('991');
    const first = await state('991');
    expect(first.dirty).toBe(true);
    expect(first.dirtySince?.toISOString()).toBe(first.requestedAt.toISOString());

    // As if the first approval had come ten minutes ago and nothing had rolled the unit up since.
    const owedSince = minutesAgo(10);
    await d.app.get(DataSource).getRepository(RollupState).update({ unitCode: '991', periodId: PERIOD }, { dirtySince: owedSince, requestedAt: owedSince });
    for (let i = 0; i < 3; i++) await mark('991');

    const after = await state('991');
    expect(after.requestedSeq).toBe(4);
    expect(after.requestedAt.getTime()).toBeGreaterThan(owedSince.getTime());
    expect(after.dirtySince?.toISOString()).toBe(owedSince.toISOString());
    // Measured from requested_at (the latest approval) this read about 0 s.
    expect(await lag()).toBeGreaterThanOrEqual(600);
  });

  it('a pass that leaves newer requests owed moves the start to when it read its seq; a clean pass clears it', async () => {
    const repo = d.app.get(RollupStateRepository);
    const ds = d.app.get(DataSource);
    // 991 is at requested_seq 4: a pass that read seq 2 at `readAt` settles it, two requests stay owed.
    const readAt = minutesAgo(7);
    const stillDirty = await ds.transaction((em) => repo.settle(em, '991', PERIOD, 2, undefined, readAt));
    expect(stillDirty).toBe(true);
    expect((await state('991')).dirtySince?.toISOString()).toBe(readAt.toISOString());

    // The batched form (settleLocked), on another unit: owed stays owed from the read, taken-in clears.
    await mark('992');
    await mark('992');
    const batchReadAt = minutesAgo(3);
    await ds.transaction((em) => repo.settleLocked(em, PERIOD, [{ unitCode: '992', seq: 1 }], batchReadAt));
    expect(await state('992')).toMatchObject({ dirty: true, doneSeq: 1 });
    expect((await state('992')).dirtySince?.toISOString()).toBe(batchReadAt.toISOString());
    await ds.transaction((em) => repo.settleLocked(em, PERIOD, [{ unitCode: '992', seq: 2 }], minutesAgo(1)));
    expect(await state('992')).toMatchObject({ dirty: false, dirtySince: null });

    const lagNow = await lag();
    expect(lagNow).toBeGreaterThanOrEqual(7 * 60);
    expect(lagNow).toBeLessThan(10 * 60);
  });

  it('once every rollup has run, nothing is owed and the lag is 0', async () => {
    await d.app.get(RollupOutboxService).kick('991', PERIOD);
    await waitForRollups(d.app);
    const rows = await d.app.get(DataSource).getRepository(RollupState).findBy({ periodId: PERIOD });
    expect(rows.length).toBeGreaterThanOrEqual(3); // 991, 992 and the province 99 its pass asked for
    expect(rows.map((r) => [r.unitCode, r.dirty, r.dirtySince])).toEqual(rows.map((r) => [r.unitCode, false, null]));
    expect(await lag()).toBe(0);
  });
});
