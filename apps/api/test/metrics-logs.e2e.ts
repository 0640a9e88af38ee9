import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { RollupStateRepository } from '../src/modules/rollups/rollup-state.repository';
import { QueueName } from '../src/queue/queue.constants';
import { JobQueueService } from '../src/queue/queue.service';
import { validValues } from './support/reports-fixtures';
import { PERIOD, startRollupApp, waitFor, waitForRollups, writeReport } from './support/rollup-fixtures';
import type { TestApp } from './support/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-test-0123';

/** One sample of a Prometheus text exposition: `name{labels} value`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('metrics, JSON logs and request ids (MariaDB + BullMQ)', () => {
  let t: TestApp;
  let reviewer: string;
  const lines: string[] = [];
  const logs = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });

  beforeAll(async () => {
    // No reconciler: every rollup job here is enqueued by a request or by the job before it.
    ({ t } = await startRollupApp({ METRICS_TOKEN, LOG_LEVEL: 'info', RECONCILE_INTERVAL_MS: '0' }, { logDestination: logs }));
    reviewer = await t.login('huyen.991', 'secret-pass');
    // Reports-by-status covers the open periods: this one's deadline is moved into the future.
    await t.app.get(DataSource).query(`UPDATE periods SET deadline = '2999-12-20' WHERE id = ?`, [PERIOD]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const metrics = async () => {
    const r = await t.request<string>('GET', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('text/plain');
    return r.raw.toString();
  };

  it('/metrics needs its token', async () => {
    expect((await t.request('GET', '/metrics')).status).toBe(401);
    expect((await t.request('GET', '/metrics', { headers: { authorization: 'Bearer wrong-token-wrong-token-000' } })).status).toBe(401);
  });

  it('an approval answers its X-Request-Id, the rollup job it enqueues carries it, and the metrics show the approval and the rollup', async () => {
    // A complete, valid report (one with an error cannot be approved).
    await writeReport(t.app, '99101', validValues('metrics-99101'), 'submitted');
    await waitForRollups(t.app);
    // Nothing owed is not yet a quiet queue: a job of writeReport's chain may still be waiting, run after the
    // approval and ask for the province first, without this request's id (the approval's hop then folds into
    // that waiting job, as it should). The chain under test starts from a quiet queue.
    const [rollupQueue] = t.app.get(JobQueueService).bullQueues().filter((q) => q.name === String(QueueName.Rollup));
    await waitFor(async () => {
      const c = await rollupQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(c).every((n) => n === 0);
    }, 'an idle rollup queue');

    const approved = await t.request<{ status: string }>('POST', `/api/reports/99101/${PERIOD}/approve`, {
      token: reviewer,
      headers: { 'x-request-id': 'approve-99101-test' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.headers['x-request-id']).toBe('approve-99101-test');
    await waitForRollups(t.app);

    // Each job has its own id and is kept once finished: the newest of a unit is this request's hop.
    const finished = (await rollupQueue.getJobs(['completed'])).sort((a, b) => b.timestamp - a.timestamp);
    const newest = (unitCode: string) => finished.find((j) => (j.data as { unitCode: string }).unitCode === unitCode);
    // One hop: the province's job rolls up the district, then the province.
    expect(newest('99')?.id?.startsWith(`99__${PERIOD}__`)).toBe(true);
    expect(newest('99')?.data).toMatchObject({ unitCode: '99', periodId: PERIOD, requestId: 'approve-99101-test' });

    const text = await metrics();
    const route = '/api/reports/:unitCode/:period/approve';
    expect(sample(text, 'cchc_http_request_duration_seconds_count', { method: 'POST', route, status: '200' })).toBe(1);
    expect(sample(text, 'cchc_http_request_duration_seconds_bucket', { method: 'POST', route, status: '200', le: '+Inf' })).toBe(1);
    expect(sample(text, 'cchc_job_duration_seconds_count', { queue: 'rollup', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'cchc_queue_jobs', { queue: 'rollup', state: 'waiting' })).toBe(0);
    expect(sample(text, 'cchc_queue_jobs', { queue: 'rollup', state: 'failed' })).toBe(0);
    expect(sample(text, 'cchc_queue_up')).toBe(1);
    expect(sample(text, 'cchc_rollup_lag_seconds')).toBe(0);
    expect(sample(text, 'cchc_rollups_failed')).toBe(0);
    expect(sample(text, 'cchc_reports', { period: PERIOD, status: 'approved' })).toBe(1);
    expect(text).toContain('cchc_process_resident_memory_bytes');
  });

  it('refused logins, imports, rollup lag and failed rollups are counted', async () => {
    expect((await t.request('POST', '/api/auth/login', { body: { username: 'huyen.991', password: 'wrong-password' } })).status).toBe(401);
    const imported = await t.request('POST', `/api/imports/99101/${PERIOD}?dryRun=true`, {
      token: reviewer,
      headers: { 'content-type': 'text/csv' },
      body: 'not,an,export\n1,2,3\n',
    });
    // A rollup owed for ten minutes that failed: the lag and the failure show.
    const ds = t.app.get(DataSource);
    await ds.getRepository(RollupState).insert({
      unitCode: '98',
      periodId: '2031',
      requestedSeq: 1,
      doneSeq: 0,
      dirty: true,
      requestedAt: new Date(Date.now() - 10 * 60_000),
      doneAt: null,
      failures: 0,
      lastError: null,
      failedAt: null,
    });
    await t.app.get(RollupStateRepository).recordFailure('98', '2031', new Error('test failure'));

    const text = await metrics();
    expect(sample(text, 'cchc_login_failures_total', { reason: 'invalid_credentials' })).toBe(1);
    const outcome = imported.status >= 400 ? 'refused' : 'dry_run';
    expect(sample(text, 'cchc_import_duration_seconds_count', { outcome })).toBe(1);
    expect(sample(text, 'cchc_rollup_lag_seconds')).toBeGreaterThanOrEqual(600);
    expect(sample(text, 'cchc_rollups_failed')).toBe(1);
    expect(sample(text, 'cchc_rollup_dirty')).toBe(1);
  });

  it('logs are JSON lines with the request id, and never a password, a token or the metrics token', async () => {
    await t.request('GET', `/api/reports/99101/${PERIOD}?token=a-secret-download-token`, { token: reviewer });
    const parsed = lines.map((l) => JSON.parse(l) as { requestId?: string; msg?: string; req?: { url?: string } });
    expect(parsed.some((l) => l.requestId === 'approve-99101-test' && l.msg === 'request completed')).toBe(true);
    // A request without X-Request-Id gets a generated one, in every line it logs.
    expect(parsed.filter((l) => l.msg === 'incoming request').every((l) => typeof l.requestId === 'string' && l.requestId.length > 0)).toBe(true);
    expect(parsed.some((l) => l.req?.url?.includes('token=[redacted]'))).toBe(true);
    const all = lines.join('\n');
    for (const secret of ['secret-pass', 'wrong-password', reviewer, METRICS_TOKEN, 'a-secret-download-token']) expect(all).not.toContain(secret);
  });

  it('an X-Request-Id that is not a plain token is replaced by a generated one', async () => {
    const r = await t.request('GET', '/api/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
