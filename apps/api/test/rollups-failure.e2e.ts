import type { ReportValues } from '@cchc/shared';
import { DataSource } from 'typeorm';
import { ReportStore } from '../src/modules/reports/report.store';
import { RollupOutboxService } from '../src/modules/rollups/rollup-outbox.service';
import { RollupPassService } from '../src/modules/rollups/rollup-pass.service';
import { RollupStateRepository, rollupRetryDelayMs } from '../src/modules/rollups/rollup-state.repository';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { startTestApp, TestApp } from './support/test-app';
import { ApiSummary, PARENT, PATH, PERIOD, createUsers, expectSummariesEqual, loadTestTree, syntheticValues, waitFor, writeReport } from './support/rollup-fixtures';

interface SummaryBody {
  coverage: { expected: number; reported: number; stale: boolean };
  rollup: { failures: number; lastError: string | null } | null;
  indicators: ApiSummary[];
}
interface HealthBody {
  status: string;
  degraded?: Array<{ component: string; message: string; messageEn: string }>;
}

const D1 = ['99101', '99102', '99103'];
const D2 = ['99201', '99202', '99203'];
const P98 = ['98001', '98002', '98003', '98004', '98005'];
/** A template version no longer in the registry: its report can be neither aggregated by rule nor scored. */
const RETIRED = '2019.1';

describe('a rollup whose unit cannot be computed (MariaDB + BullMQ)', () => {
  let t: TestApp;
  let admin: string;
  const values: Record<string, ReportValues> = {};
  const state = (unitCode: string) => t.app.get(DataSource).getRepository(RollupState).findOneByOrFail({ unitCode, periodId: PERIOD });
  const summary = async (code: string) => {
    const r = await t.request<SummaryBody>('GET', `/api/summaries/${code}/${PERIOD}`, { token: admin });
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ RECONCILE_INTERVAL_MS: '200' });
    await loadTestTree(t.app);
    await createUsers(t.app);
    admin = await t.login('admin', 'secret-pass');

    // 99104's approved report was kept under a template version that has since been withdrawn.
    const at = new Date();
    await t.app.get(DataSource).transaction(async (em) => {
      await t.app.get(ReportStore).insertSeed(em, [
        {
          row: {
            unitCode: '99104', unitPath: PATH['99104'], periodId: PERIOD, templateVersion: RETIRED, status: 'approved', version: 3,
            narrative: null, returnComment: null, submittedAt: at, firstSubmittedAt: at, approvedAt: at, createdAt: at, updatedAt: at, updatedBy: 'huyen.991',
          },
          values: { '1.1.1': 3 }, notes: {}, snapshots: [], comments: [], audit: [],
        },
      ]);
      await t.app.get(RollupOutboxService).markStale(em, PARENT['99104'], PERIOD);
    });
    for (const [i, code] of [...D1, ...D2, ...P98].entries()) {
      values[code] = syntheticValues(i + 1);
      await writeReport(t.app, code, values[code]);
    }
    await waitFor(async () => {
      const [d1, d2, p98] = await Promise.all([state('991'), state('992'), state('98')]);
      return d1.failures > 0 && !d2.dirty && !p98.dirty;
    }, 'district 991 failing while 992 and province 98 are done', 60_000);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is marked failed with its reason, and stays owed', async () => {
    const s = await state('991');
    expect(s.dirty).toBe(true);
    expect(s.failures).toBeGreaterThanOrEqual(1);
    expect(s.failedAt).toBeInstanceOf(Date);
    expect(s.lastError).toContain(RETIRED);
    // Shown where people look: the unit's summary, and health for the administrators.
    const own = await summary('991');
    expect(own.rollup?.failures).toBeGreaterThanOrEqual(1);
    expect(own.rollup?.lastError).toContain(RETIRED);
    const health = await t.request<HealthBody>('GET', '/api/health');
    expect(health.body.status).toBe('degraded');
    const rollups = health.body.degraded?.find((d) => d.component === 'rollups');
    expect(rollups?.messageEn).toContain(`991/${PERIOD}`);
    expect(rollups?.messageEn).toContain(RETIRED);
  });

  it('does not stop its siblings: the other district and the other province roll up exactly', async () => {
    const d2 = await summary('992');
    expectSummariesEqual(d2.indicators, D2.map((c) => values[c]));
    expect(d2.coverage).toMatchObject({ expected: 3, reported: 3 });
    expect(d2.rollup).toMatchObject({ failures: 0, lastError: null });
    const p98 = await summary('98');
    expectSummariesEqual(p98.indicators, P98.map((c) => values[c]));
    expect(p98.coverage).toMatchObject({ expected: 5, reported: 5 });
  });

  it('its province still rolls up the rest, and says its figures are not final', async () => {
    await waitFor(async () => !(await state('99')).dirty, 'province 99 done', 30_000);
    const p99 = await summary('99');
    // 991 has no summary yet: the province holds 992's figures, and flags the owed work below it.
    expectSummariesEqual(p99.indicators, D2.map((c) => values[c]));
    expect(p99.coverage.stale).toBe(true);
  });

  it('the queue keeps working: a later approval in a sibling is rolled up while 991 keeps failing', async () => {
    values['99203'] = syntheticValues(77);
    await writeReport(t.app, '99203', values['99203']);
    await waitFor(async () => !(await state('992')).dirty, 'district 992 done again', 30_000);
    expectSummariesEqual((await summary('992')).indicators, D2.map((c) => values[c]));
    expect((await state('991')).dirty).toBe(true);
  });

  it('administrators see the failing rollups with their reasons and may retry one at once; nobody else may', async () => {
    // 991 owed since an hour ago, and asked for again just now: the list says since when it is owed.
    const ds = t.app.get(DataSource);
    await ds.getRepository(RollupState).update({ unitCode: '991', periodId: PERIOD }, { dirtySince: new Date(Date.now() - 3_600_000) });
    await ds.transaction((em) => t.app.get(RollupOutboxService).markStale(em, '991', PERIOD));
    const owed = await state('991');
    expect(owed.requestedAt.getTime()).toBeGreaterThan(owed.dirtySince!.getTime());

    const list = await t.request<Array<{ unitCode: string; unitName: string; periodId: string; failures: number; lastError: string; requestedAt: string; nextRetryAt: string }>>('GET', '/api/rollups/failures', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.map((f) => f.unitCode)).toEqual(['991']);
    expect(list.body[0]).toMatchObject({ unitName: 'Huyện Một', periodId: PERIOD, lastError: expect.stringContaining(RETIRED) });
    expect(list.body[0].requestedAt).toBe(owed.dirtySince!.toISOString());
    expect(new Date(list.body[0].nextRetryAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const analyst = await t.login('tinh.99', 'secret-pass');
    expect((await t.request('GET', '/api/rollups/failures', { token: analyst })).status).toBe(403);
    expect((await t.request('POST', `/api/rollups/991/${PERIOD}/retry`, { token: analyst })).status).toBe(403);

    const done = await t.request<{ error: string }>('POST', `/api/rollups/992/${PERIOD}/retry`, { token: admin });
    expect(done.status).toBe(409);
    expect(done.body.error).toBe('not_owed');
    expect((await t.request('POST', `/api/rollups/997/${PERIOD}/retry`, { token: admin })).status).toBe(404);

    const before = (await state('991')).failures;
    const retry = await t.request<{ enqueued: boolean }>('POST', `/api/rollups/991/${PERIOD}/retry`, { token: admin });
    expect(retry.status).toBe(202);
    expect(retry.body.enqueued).toBe(true);
    // The cause is still there: the attempt runs at once (no back-off) and fails again, visibly.
    await waitFor(async () => (await state('991')).failures > before, 'the retried attempt', 30_000);
  });

  it('in a batched pass (many dirty siblings at once) the unit that cannot be computed is recorded as failed and its siblings are written', async () => {
    const rollups = t.app.get(RollupPassService);
    const ds = t.app.get(DataSource);
    values['99202'] = syntheticValues(88);
    await writeReport(t.app, '99202', values['99202'], 'approved', { kick: false });
    const before = (await state('991')).failures;
    expect((await state('992')).dirty).toBe(true);
    const results = await rollups.rollupMany(['991', '992'], PERIOD);
    expect(results.get('992')).toMatchObject({ written: true, dirty: false });
    expect(results.get('991')).toMatchObject({ written: false, dirty: true });
    expect((await state('991')).failures).toBe(before + 1);
    expect((await state('992')).dirty).toBe(false);
    expectSummariesEqual((await summary('992')).indicators, D2.map((c) => values[c]));
    expect(await ds.getRepository(RollupState).countBy({ unitCode: '991', periodId: PERIOD, dirty: true })).toBe(1);
  });

  it('the reconciler backs off a unit that keeps failing instead of retrying it every round', async () => {
    const rollups = t.app.get(RollupStateRepository);
    const s = await state('991');
    const owedAt = async (now: Date) => (await rollups.owed(new Date(now.getTime() + 60_000), 5000, now)).map((o) => o.unitCode);
    // Just before its back-off ends it is not owed yet (a later failure only pushes that further) …
    expect(await owedAt(new Date(s.failedAt!.getTime() + rollupRetryDelayMs(s.failures) - 1))).not.toContain('991');
    // … and once the longest back-off has passed it is owed again.
    expect(await owedAt(new Date(Date.now() + rollupRetryDelayMs(99) + 1000))).toContain('991');
    expect(rollupRetryDelayMs(1)).toBeLessThan(rollupRetryDelayMs(5));
    expect(rollupRetryDelayMs(99)).toBe(15 * 60_000);
  });
});
