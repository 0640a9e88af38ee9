import { ReportValues, aggregateReports } from '@cchc/shared';
import { DataSource } from 'typeorm';
import { JobQueueService } from '../src/queue/queue.service';
import { QueueName } from '../src/queue/queue.constants';
import { RollupsService } from '../src/modules/rollups/rollups.service';
import { RollupOutboxService } from '../src/modules/rollups/rollup-outbox.service';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { Summary } from '../src/modules/rollups/entities/summary.entity';
import { startTestApp, TestApp } from './support/test-app';
import {
  ApiSummary,
  PERIOD,
  TEMPLATE,
  createUsers,
  expectSummariesEqual,
  loadTestTree,
  startRollupApp,
  syntheticValues,
  waitFor,
  waitForRollups,
  writeReport,
} from './support/rollup-fixtures';

interface SummaryBody {
  unit: { code: string };
  basis: string;
  coverage: { expected: number; reported: number; childrenExpected: number; childrenReported: number; missing: Array<{ code: string; name: string }>; asOf: string | null; stale: boolean };
  rollup: { failures: number; lastError: string | null } | null;
  indicators: ApiSummary[];
}

const D1 = ['99101', '99102', '99103', '99104'];
const D2 = ['99201', '99202', '99203'];

describe('rollups on MariaDB + BullMQ (workers in the API process)', () => {
  let t: TestApp;
  let admin: string;
  const values: Record<string, ReportValues> = {};

  const summary = async (code: string, token = admin) => {
    const r = await t.request<SummaryBody>('GET', `/api/summaries/${code}/${PERIOD}`, { token });
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    // A burst of enqueues on a loaded machine may take longer than the 2 s production budget; what is tested here is the dedup, not that budget.
    ({ t, admin } = await startRollupApp({ ENQUEUE_TIMEOUT_MS: '120000' }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a unit with nothing reported answers with zero coverage, not a 404', async () => {
    const s = await summary('99');
    expect(s.coverage).toMatchObject({ expected: 9, reported: 0, childrenExpected: 3, childrenReported: 0, asOf: null, stale: false });
    expect(s.coverage.missing.map((m) => m.code)).toEqual(['991', '992', '993']);
    expect(s.indicators).toHaveLength(TEMPLATE.nodes.length);
    expect(s.indicators.find((i) => i.code === '1.1.1')!.summary).toMatchObject({ count: 0, headline: null });
  });

  it('approvals of several communes give district and province summaries equal to an independent computation', async () => {
    [...D1, ...D2.slice(0, 2)].forEach((c, i) => (values[c] = syntheticValues(i + 1)));
    // Concurrent approvals, as reviewers would do them.
    await Promise.all(Object.entries(values).map(([code, v]) => writeReport(t.app, code, v)));
    await waitForRollups(t.app);

    const d1 = await summary('991');
    expectSummariesEqual(d1.indicators, D1.map((c) => values[c]));
    expect(d1.coverage).toMatchObject({ expected: 4, reported: 4, childrenReported: 4, missing: [], stale: false });
    expect(d1.basis).toBe('approved');

    const d2 = await summary('992');
    expectSummariesEqual(d2.indicators, D2.slice(0, 2).map((c) => values[c]));
    expect(d2.coverage).toMatchObject({ expected: 3, reported: 2, missing: [{ code: '99203', name: 'Xã 99203' }] });

    const p = await summary('99');
    expectSummariesEqual(p.indicators, Object.values(values));
    expect(p.coverage).toMatchObject({ expected: 9, reported: 6, childrenExpected: 3, childrenReported: 2, stale: false });
    expect(p.coverage.missing).toEqual([{ code: '993', name: 'Huyện Ba' }]);

    // Hand-computed, without the shared code: a sum, a weighted mean, a yes/no share, a choice distribution.
    const all = Object.values(values);
    const ind = (code: string) => p.indicators.find((i) => i.code === code)!.summary!;
    const sum111 = all.reduce((s, v) => s + (typeof v['1.1.1'] === 'number' ? v['1.1.1'] : 0), 0);
    expect(ind('1.1.1').headline).toBe(sum111);
    const w = all.filter((v) => typeof v['3.4.3'] === 'number' && v['3.4.3'] <= 100 && typeof v['3.2.3'] === 'number');
    const wanted343 = w.reduce((s, v) => s + v['3.4.3']! * v['3.2.3']!, 0) / w.reduce((s, v) => s + v['3.2.3']!, 0);
    expect(ind('3.4.3').headline).toBeCloseTo(wanted343, 9);
    const yes = all.filter((v) => v['1.5'] === 1).length;
    const answered = all.filter((v) => v['1.5'] === 0 || v['1.5'] === 1).length;
    expect(ind('1.5').headline).toBe(yes);
    expect(ind('1.5').shareYes).toBeCloseTo((yes / answered) * 100, 9);
    const choice = p.indicators.find((i) => i.code === '1.4.2')!.summary!;
    expect(choice.rule).toBe('distribution');
    expect(choice.optionCounts!.map((o) => o.label)).toEqual(['Trực tuyến', 'Phát phiếu', 'Kết hợp']);
    // The out-of-range 130 in a % row is not counted anywhere.
    expect(ind('7.8.3').max ?? 0).toBeLessThanOrEqual(100);
  });

  it('reopening and changing a report updates every level', async () => {
    const before = (await summary('99')).indicators.find((i) => i.code === '1.1.1')!.summary!.headline!;
    // Reopen 99101: it leaves the summaries.
    await writeReport(t.app, '99101', values['99101'], 'submitted');
    await waitForRollups(t.app);
    const without = D1.slice(1).map((c) => values[c]);
    expectSummariesEqual((await summary('991')).indicators, without);
    expect((await summary('991')).coverage).toMatchObject({ reported: 3, missing: [{ code: '99101' }] });
    expect((await summary('99')).coverage.reported).toBe(5);

    // Changed and approved again: the new figure reaches the province.
    values['99101'] = { ...values['99101'], '1.1.1': 1000 };
    await writeReport(t.app, '99101', values['99101']);
    await waitForRollups(t.app);
    expectSummariesEqual((await summary('991')).indicators, D1.map((c) => values[c]));
    const p = await summary('99');
    expectSummariesEqual(p.indicators, Object.values(values));
    expect(p.indicators.find((i) => i.code === '1.1.1')!.summary!.headline).not.toBe(before);
    expect(p.coverage.reported).toBe(6);
  });

  it('duplicate jobs and concurrent passes on one unit never double count', async () => {
    const queue = t.app.get(JobQueueService);
    const rollups = t.app.get(RollupsService);
    // Requests with no change behind them still force real recomputations.
    await t.app.get(DataSource).transaction(async (em) => {
      await t.app.get(RollupOutboxService).markStale(em, '991', PERIOD);
      await t.app.get(RollupOutboxService).markStale(em, '99', PERIOD);
    });
    await Promise.all([
      ...Array.from({ length: 20 }, () => queue.enqueue(QueueName.Rollup, { unitCode: '991', periodId: PERIOD })),
      ...Array.from({ length: 5 }, () => rollups.run('991', PERIOD)),
      ...Array.from({ length: 5 }, () => rollups.run('99', PERIOD)),
    ]);
    await waitForRollups(t.app);
    // Idle means no job at all, follow-ups included, read from BullMQ itself (health() gives up after 1 s on a loaded Redis).
    const bull = queue.bullQueues().find((q) => q.name === String(QueueName.Rollup))!;
    await waitFor(async () => Object.values(await bull.getJobCounts('waiting', 'prioritized', 'delayed', 'active')).every((n) => n === 0), 'no rollup job left');
    await waitForRollups(t.app);
    expectSummariesEqual((await summary('991')).indicators, D1.map((c) => values[c]));
    expectSummariesEqual((await summary('99')).indicators, Object.values(values));
    const rows = await t.app.get(DataSource).getRepository(Summary).count({ where: { unitCode: '991', periodId: PERIOD } });
    expect(rows).toBe(Object.values(aggregateReports(TEMPLATE, D1.map((c) => values[c]))).filter((s) => s.count > 0).length);
  });

  it('a job that fails after writing part of its result rolls back, shows the failure, and ends correct once the cause is gone', async () => {
    const ds = t.app.get(DataSource);
    // A real failure, no mock: the coverage table disappears, so each attempt fails after replacing the summary rows.
    await ds.query('RENAME TABLE summary_coverage TO summary_coverage_away');
    try {
      values['99203'] = syntheticValues(42);
      await writeReport(t.app, '99203', values['99203']);
      await waitFor(async () => ((await ds.getRepository(RollupState).findOneBy({ unitCode: '992', periodId: PERIOD }))?.failures ?? 0) > 0, 'a failed attempt');
      const health = await t.request<{ info?: { queue: { backlog: { rollup: { dirty: number; failed: number } } } }; error?: unknown }>('GET', '/api/health');
      const queueInfo = (health.body.info ?? (health.body as { details?: unknown }).details) as { queue: { backlog: { rollup: { dirty: number; failed: number } } } };
      expect(queueInfo.queue.backlog.rollup.failed).toBeGreaterThanOrEqual(1);
      expect(queueInfo.queue.backlog.rollup.dirty).toBeGreaterThanOrEqual(1);
      // The rolled-back attempt left the old, consistent summary of 992 in place.
      const rows = await ds.getRepository(Summary).findOneByOrFail({ unitCode: '992', periodId: PERIOD, indicatorCode: '1.1.1' });
      expect(rows.count).toBe(aggregateReports(TEMPLATE, D2.slice(0, 2).map((c) => values[c]))['1.1.1'].count);
      // Read while the cause is still there: once the table is back, a retry may succeed and clear the error at once.
      const state = await ds.getRepository(RollupState).findOneByOrFail({ unitCode: '992', periodId: PERIOD });
      expect(state.lastError).toMatch(/summary_coverage/);
    } finally {
      await ds.query('RENAME TABLE summary_coverage_away TO summary_coverage');
    }
    // BullMQ retries with backoff (and the reconciler would pick it up after the last attempt).
    await waitForRollups(t.app, 60_000);
    const d2 = await summary('992');
    expectSummariesEqual(d2.indicators, D2.map((c) => values[c]));
    expect(d2.coverage).toMatchObject({ reported: 3, missing: [] });
    expect(d2.rollup).toMatchObject({ failures: 0, lastError: null });
    expectSummariesEqual((await summary('99')).indicators, Object.values(values));
  });

  it('checks role and subtree', async () => {
    const reviewer = await t.login('huyen.991', 'secret-pass');
    const analyst = await t.login('tinh.99', 'secret-pass');
    const officer = await t.login('xa.99101', 'secret-pass');
    expect((await t.request('GET', `/api/summaries/991/${PERIOD}`, { token: reviewer })).status).toBe(200);
    expect((await t.request('GET', `/api/summaries/992/${PERIOD}`, { token: reviewer })).status).toBe(403);
    expect((await t.request('GET', `/api/summaries/99/${PERIOD}`, { token: reviewer })).status).toBe(403);
    expect((await t.request('GET', `/api/summaries/99/${PERIOD}`, { token: analyst })).status).toBe(200);
    expect((await t.request('GET', `/api/summaries/98/${PERIOD}`, { token: analyst })).status).toBe(403);
    expect((await t.request('GET', `/api/summaries/991/${PERIOD}`, { token: officer })).status).toBe(403);
    expect((await t.request('GET', `/api/summaries/991/${PERIOD}`)).status).toBe(401);
    const commune = await t.request<{ field: string; message: string }>('GET', `/api/summaries/99101/${PERIOD}`, { token: admin });
    expect(commune.status).toBe(400);
    expect(commune.body.field).toBe('unitCode');
    expect((await t.request('GET', `/api/summaries/12345678/${PERIOD}`, { token: admin })).status).toBe(404);
    expect((await t.request('GET', '/api/summaries/99/2023Q2', { token: admin })).status).toBe(404);
    expect((await t.request('GET', '/api/summaries/99/2031', { token: admin })).status).toBe(404);
  });

  it('health shows the queue and an empty rollup backlog once done', async () => {
    await waitForRollups(t.app);
    const r = await t.request<{ info: { queue: { mode: string; backlog: { rollup: { dirty: number; failed: number } } } } }>('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body.info.queue.mode).toBe('bullmq');
    expect(r.body.info.queue.backlog.rollup).toEqual({ dirty: 0, failed: 0 });
  });

  it('serves Bull Board to administrators only', async () => {
    expect((await t.request('GET', '/api/admin/queues')).status).toBe(401);
    const analyst = await t.login('tinh.99', 'secret-pass');
    expect((await t.request('GET', '/api/admin/queues', { token: analyst })).status).toBe(403);
    expect((await t.request('GET', '/api/admin/queues/api/queues', { token: 'not-a-token' })).status).toBe(401);
    const page = await t.request('GET', '/api/admin/queues', { token: admin });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toMatch(/html/);
    const api = await t.request<{ queues: Array<{ name: string }> }>('GET', '/api/admin/queues/api/queues', { token: admin });
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q) => q.name)).toContain(QueueName.Rollup);
    // Browser flow: the token in the URL is traded for an HttpOnly cookie.
    const swap = await t.request('GET', `/api/admin/queues?token=${admin}`);
    expect(swap.status).toBe(303);
    const cookie = String(swap.headers['set-cookie']).split(';')[0];
    expect(String(swap.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect((await t.request('GET', '/api/admin/queues', { headers: { cookie } })).status).toBe(200);
  });
});

describe('rollups: basis, two-tier tree and the in-process driver', () => {
  it.each([
    ['BullMQ', {}],
    ['in-process (no REDIS_URL)', { REDIS_URL: undefined }],
  ])('%s: same summaries, in a two-tier province too; ROLLUP_BASIS=submitted counts submitted reports', async (_name, env) => {
    const t = await startTestApp({ ...env, ROLLUP_BASIS: 'submitted' });
    try {
      await loadTestTree(t.app);
      await createUsers(t.app);
      const admin = await t.login('admin', 'secret-pass');
      const v: Record<string, ReportValues> = {};
      ['99101', '99102', '99201', '99301', '98001', '98002', '98004'].forEach((c, i) => (v[c] = syntheticValues(100 + i)));
      await Promise.all(
        Object.entries(v).map(([c, vals]) => writeReport(t.app, c, vals, c === '99102' || c === '98002' ? 'submitted' : 'approved')),
      );
      // A draft never counts.
      await writeReport(t.app, '98003', syntheticValues(7), 'draft');
      await t.app.get(JobQueueService).drain();
      await waitForRollups(t.app);
      const get = async (code: string) => (await t.request<SummaryBody>('GET', `/api/summaries/${code}/${PERIOD}`, { token: admin })).body;
      const p99 = await get('99');
      expect(p99.basis).toBe('submitted');
      expectSummariesEqual(p99.indicators, ['99101', '99102', '99201', '99301'].map((c) => v[c]));
      expect(p99.coverage).toMatchObject({ expected: 9, reported: 4, childrenReported: 3, missing: [] });
      const p98 = await get('98');
      expectSummariesEqual(p98.indicators, ['98001', '98002', '98004'].map((c) => v[c]));
      expect(p98.coverage).toMatchObject({ expected: 5, reported: 3, childrenExpected: 5, childrenReported: 3 });
      expect(p98.coverage.missing.map((m) => m.code)).toEqual(['98003', '98005']);
    } finally {
      await t.close();
    }
  });
});
