import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.schema';
import { Period } from '../modules/periods/entities/period.entity';
import { dataSourceOptions } from './data-source-options';
import { serializeSqliteTransactions } from './serialize-sqlite-transactions';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const period = (id: string): Period => ({ id, type: 'year', year: Number(id), startDate: '2022-12-15', endDate: '2023-12-14', deadline: '2023-12-20', templateVersion: null, scoringVersion: null, reminderDays: null });

describe('transactions on the embedded SQLite', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-tx-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function open(serialize: boolean): Promise<DataSource> {
    const ds = new DataSource(dataSourceOptions(loadConfig({ SQLITE_PATH: path.join(dir, 'db.sqlite') })));
    await ds.initialize();
    await ds.runMigrations();
    return serialize ? serializeSqliteTransactions(ds) : ds;
  }

  /** One transaction fails after another, overlapping it, has committed. */
  async function overlap(ds: DataSource): Promise<string[]> {
    await Promise.all([
      ds
        .transaction(async (em) => {
          await em.insert(Period, period('2001'));
          await sleep(60);
          throw new Error('this one rolls back');
        })
        .catch(() => undefined),
      ds.transaction(async (em) => {
        await sleep(10);
        await em.insert(Period, period('2002'));
      }),
    ]);
    return (await ds.getRepository(Period).find()).map((p) => p.id);
  }

  it('keeps a committed transaction when an overlapping one rolls back', async () => {
    const ds = await open(true);
    try {
      expect(await overlap(ds)).toEqual(['2002']);
    } finally {
      await ds.destroy();
    }
  });

  it('is needed: without it the overlapping transaction fails or is lost with the other rollback', async () => {
    const ds = await open(false);
    try {
      const outcome = await overlap(ds).then(
        (ids) => ids,
        (e: Error) => e.message,
      );
      expect(outcome).not.toEqual(['2002']);
    } finally {
      await ds.destroy();
    }
  });
});
