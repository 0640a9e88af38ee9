import { DataSource } from 'typeorm';
import { defaultPeriodWindow, parsePeriodId } from '@cchc/shared';
import { QueryOutsideTransactionError } from '../src/database/transaction-scope';
import { Period } from '../src/modules/periods/entities/period.entity';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import { createUsers, loadProvince46, PASSWORD, validValues } from './support/reports-fixtures';
import { seedReportAsOfPeriod } from './support/report-seed';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A transaction that takes a second pool connection deadlocks the pool once every connection is held by a
 * transaction waiting for one more. Seen: 30 approvals at once on a process whose template cache was cold.
 */
describe('transactions keep to their own connection (MariaDB)', () => {
  let t: TestApp;
  const PERIOD = '2023';
  const APPROVALS = 12;

  beforeAll(async () => {
    // Three connections for twelve approvals at once: any approval that reads outside its transaction waits forever.
    t = await startTestApp({ DATABASE_POOL_SIZE: '3', RUN_WORKERS: 'false', RECONCILE_INTERVAL_MS: '0' });
    await loadProvince46(t.app);
    // The period as another process (the API) opened it: this process has read no template yet.
    const { type, year } = parsePeriodId(PERIOD)!;
    await t.app.get(DataSource).getRepository(Period).insert({ id: PERIOD, type, year, ...defaultPeriodWindow(PERIOD), templateVersion: '2023.1', scoringVersion: null });
    await createUsers(t.app, [['admin', ['administrator'], null]]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a query on another connection inside a transaction fails the test that makes it; through the transaction, or after it, it runs', async () => {
    const ds = t.app.get(DataSource);
    const units = ds.getRepository(AdminUnit);
    await expect(ds.transaction(() => units.count())).rejects.toThrow(QueryOutsideTransactionError);
    await expect(units.manager.transaction(() => ds.query('SELECT 1'))).rejects.toThrow(QueryOutsideTransactionError);
    const inside = await ds.transaction((em) => em.getRepository(AdminUnit).count());
    expect(inside).toBeGreaterThan(100);
    // Work the transaction started but left running is free once the transaction has settled.
    let release!: () => void;
    const committed = new Promise<void>((r) => (release = r));
    let later: Promise<number> | undefined;
    await ds.transaction(async () => {
      later = committed.then(() => units.count());
    });
    release();
    await expect(later).resolves.toBe(inside);
  });

  it(`${APPROVALS} approvals at once on a cold process, with a pool of 3, all answer`, async () => {
    const ds = t.app.get(DataSource);
    const communes = (await ds.getRepository(AdminUnit).find({ where: { level: 'commune' }, order: { code: 'ASC' }, take: APPROVALS * 3 }))
      .filter((_, i) => i % 3 === 0)
      .map((u) => u.code);
    for (const [i, code] of communes.entries()) await seedReportAsOfPeriod(t.app, code, PERIOD, 'submitted', validValues(`pool-${i}`));
    // Login reads no template: the first approvals are the first to need one, inside their transactions.
    const token = await t.login('admin', PASSWORD);
    let watchdog: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      watchdog = setTimeout(() => reject(new Error('the approvals never answered: the connection pool is deadlocked')), 60_000);
    });
    try {
      const answers = await Promise.race([Promise.all(communes.map((c) => t.request('POST', `/api/reports/${c}/${PERIOD}/approve`, { token, body: {} }))), hung]);
      expect(answers.map((a) => a.status)).toEqual(communes.map(() => 200));
    } finally {
      clearTimeout(watchdog);
    }
  });
});
