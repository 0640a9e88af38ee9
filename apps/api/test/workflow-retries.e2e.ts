import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import { AuditEntry } from '../src/modules/audit/entities/audit-entry.entity';
import { Report } from '../src/modules/reports/entities/report.entity';
import { ReportSnapshot } from '../src/modules/reports/entities/report-snapshot.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import { insertReport, loadProvinces, openPeriods, HUE_ACCOUNTS, seedUsers } from './exports-fixtures';
import { CuttableProxy } from './support/cuttable-proxy';
import { validValues } from './support/reports-fixtures';
import { createTestDatabase, infra, startTestApp, type TestApp } from './support/test-app';
import type { ApiErrorBody } from '../src/common/api-error';

interface ReportBody extends ApiErrorBody {
  status: string;
  version: number;
}

/**
 * The database goes away right after an action commits (MariaDB behind a proxy the test cuts from
 * TypeORM's after-commit event): the answer must say the action was saved, and a retry with the same
 * Idempotency-Key must answer what was done without doing it again.
 */
describe('answers that tell the truth after a commit; Idempotency-Key (MariaDB + Redis)', () => {
  let t: TestApp;
  let ds: DataSource;
  let proxy: CuttableProxy;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: string;
  let reviewer: string;
  let cutAfterNextCommit = false;

  const waitForDatabase = async () => {
    for (let i = 0; i < 40; i++) {
      if ((await t.request('GET', '/api/reports/19870/2023', { token: admin })).status === 200) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('the database did not come back');
  };

  const transitions = async (unit: string) =>
    ds.getRepository(AuditEntry).count({ where: { unitCode: unit, periodId: '2023', action: 'status' } as never });

  beforeAll(async () => {
    const u = new URL(infra.mysqlUrl);
    proxy = new CuttableProxy({ host: u.hostname, port: Number(u.port || 3306) });
    await proxy.start();
    db = await createTestDatabase('retry');
    const via = new URL(db.url);
    via.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp({ DATABASE_URL: via.toString() });
    ds = t.app.get(DataSource);
    await loadProvinces(t, ['46']);
    await seedUsers(t, HUE_ACCOUNTS);
    await openPeriods(t, ['2023']);
    for (const unit of ['19867', '19870', '19873']) await insertReport(t, unit, '2023', 'submitted', validValues(`retry/${unit}`));
    admin = await t.login('admin');
    reviewer = await t.login('huyen.477');
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: async () => {
        if (!cutAfterNextCommit) return;
        cutAfterNextCommit = false;
        await proxy.cut();
      },
    };
    ds.subscribers.push(subscriber);
  });
  afterAll(async () => {
    await proxy?.start();
    await t?.close();
    await db?.drop();
    await proxy?.cut();
  });

  it('an approval that committed before the database went away is answered "saved, reload", never "not applied"', async () => {
    cutAfterNextCommit = true;
    const r = await t.request<ReportBody>('POST', '/api/reports/19870/2023/approve', {
      token: reviewer,
      body: {},
      headers: { 'idempotency-key': 'approve-19870-2023-a' },
    });
    await proxy.start();
    expect(r.status).toBe(503);
    expect(r.body.error).toBe('saved_not_read');
    expect(r.body.message).toMatch(/^Đã duyệt báo cáo thành công/);
    expect(r.body.message).toContain('tải lại trang');
    expect(r.body.messageEn).not.toMatch(/not applied/);
    expect(r.headers['retry-after']).toMatch(/^\d+$/);
    await waitForDatabase();
    expect((await ds.getRepository(Report).findOneByOrFail({ unitCode: '19870', periodId: '2023' })).status).toBe('approved');

    // The client's retry with the same key gets the report as approved; nothing is approved twice.
    const before = await transitions('19870');
    const retry = await t.request<ReportBody>('POST', '/api/reports/19870/2023/approve', {
      token: reviewer,
      body: {},
      headers: { 'idempotency-key': 'approve-19870-2023-a' },
    });
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe('approved');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await transitions('19870')).toBe(before);
    expect(await ds.getRepository(ReportSnapshot).count({ where: { kind: 'approved' } })).toBe(1);
    // And again: now the stored answer itself.
    const third = await t.request<ReportBody>('POST', '/api/reports/19870/2023/approve', {
      token: reviewer,
      body: {},
      headers: { 'idempotency-key': 'approve-19870-2023-a' },
    });
    expect([third.status, third.body.status, third.body.version]).toEqual([200, 'approved', retry.body.version]);
    // Without a key, the same request is what it is: the report is no longer submitted.
    expect((await t.request('POST', '/api/reports/19870/2023/approve', { token: reviewer, body: {} })).status).toBe(409);
  });

  it('a lost answer retried with the same key gets the same answer; the key with another body or route is refused; the key is per caller', async () => {
    const key = { 'idempotency-key': 'return-19867-2023-0001' };
    const first = await t.request<ReportBody>('POST', '/api/reports/19867/2023/return', { token: reviewer, body: { comment: 'Bổ sung số liệu mục 1.1' }, headers: key });
    expect(first.status).toBe(200);
    const count = await transitions('19867');
    const again = await t.request<ReportBody>('POST', '/api/reports/19867/2023/return', { token: reviewer, body: { comment: 'Bổ sung số liệu mục 1.1' }, headers: key });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await transitions('19867')).toBe(count);

    const otherBody = await t.request<ApiErrorBody>('POST', '/api/reports/19867/2023/return', { token: reviewer, body: { comment: 'Khác' }, headers: key });
    expect([otherBody.status, otherBody.body.error]).toEqual([422, 'idempotency_key_reused']);
    const otherRoute = await t.request<ApiErrorBody>('POST', '/api/reports/19873/2023/return', { token: reviewer, body: { comment: 'Bổ sung số liệu mục 1.1' }, headers: key });
    expect([otherRoute.status, otherRoute.body.error]).toEqual([422, 'idempotency_key_reused']);
    expect(await transitions('19873')).toBe(0);
    // Another account's key of the same spelling is its own.
    const adminRun = await t.request<ReportBody>('POST', '/api/reports/19873/2023/approve', { token: admin, body: {}, headers: key });
    expect(adminRun.status).toBe(200);
    expect(adminRun.body.status).toBe('approved');
  });

  it('a refused action leaves the key free for the corrected retry', async () => {
    const officer = await t.login('xa.19870');
    const key = { 'idempotency-key': 'reopen-19870-2023-xyz1' };
    // An officer may not reopen: refused, nothing done, the key not spent.
    expect((await t.request('POST', '/api/reports/19870/2023/reopen', { token: officer, body: { reason: 'Mở lại để sửa' }, headers: key })).status).toBe(403);
    const reopened = await t.request<ReportBody>('POST', '/api/reports/19870/2023/reopen', { token: reviewer, body: { reason: 'Mở lại để sửa' }, headers: key });
    expect([reopened.status, reopened.body.status]).toEqual([200, 'returned']);
    const badKey = await t.request<ApiErrorBody>('POST', '/api/reports/19870/2023/submit', { token: officer, body: {}, headers: { 'idempotency-key': 'short' } });
    expect([badKey.status, badKey.body.field]).toEqual([400, 'Idempotency-Key']);
  });

  it('an import retried with the same key writes once and answers the same', async () => {
    const csv = 'Mã đơn vị,1.1.1\r\n19870,41\r\n';
    const key = { 'idempotency-key': 'import-477-2023-0001', 'content-type': 'text/csv' };
    const audit = () => ds.getRepository(AuditEntry).count({ where: { unitCode: '19870', periodId: '2023' } });
    const first = await t.request<{ ok: boolean; valuesChanged: number }>('POST', '/api/imports/477/2023', { token: admin, body: csv, headers: key });
    expect([first.status, first.body.ok, first.body.valuesChanged]).toEqual([200, true, 1]);
    const n = await audit();
    const again = await t.request('POST', '/api/imports/477/2023', { token: admin, body: csv, headers: key });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await audit()).toBe(n);
    const report = await ds.getRepository(Report).findOneByOrFail({ unitCode: '19870', periodId: '2023' });
    expect((await ds.getRepository(ReportValue).findOneByOrFail({ reportId: report.id, indicatorCode: '1.1.1' })).value).toBe(41);
    const changed = await t.request<ApiErrorBody>('POST', '/api/imports/477/2023', { token: admin, body: 'Mã đơn vị,1.1.1\r\n19870,42\r\n', headers: key });
    expect([changed.status, changed.body.error]).toEqual([422, 'idempotency_key_reused']);
  });

  it("health's 503 says when to try again", async () => {
    await proxy.cut();
    try {
      const r = await t.request<ApiErrorBody>('GET', '/api/health');
      expect(r.status).toBe(503);
      expect(r.headers['retry-after']).toMatch(/^\d+$/);
    } finally {
      await proxy.start();
    }
    await waitForDatabase();
  });
});
