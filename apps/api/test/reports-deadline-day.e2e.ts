import * as fs from 'node:fs';
import { CuttableProxy } from './support/cuttable-proxy';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { daysLate, type Role } from '@cchc/shared';
import { AuditEntry } from '../src/modules/audit/entities/audit-entry.entity';
import { Report } from '../src/modules/reports/entities/report.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import { REPO_ROOT } from '../src/config/config.schema';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import { UnitsLoaderService } from '../src/modules/units/units-loader.service';
import { createUsers, loadProvince46, openPeriods, PASSWORD, storedState, validValues } from './support/reports-fixtures';
import { createTestDatabase, infra, startTestApp, TestApp } from './support/test-app';
import type { ApiErrorBody } from '../src/common/api-error';

interface Finding {
  code: string;
  rule: string;
  severity: string;
}
interface ReportBody {
  status: string | null;
  version: number;
  values: Record<string, number>;
  findings: Finding[];
  errorCount: number;
}
/** The API's error body, with the details these cases read. */
interface ErrorBody extends ApiErrorBody {
  details?: { findings?: Finding[] };
}

/** The deadline-day issue: what a draft keeps, what is refused, concurrent first saves, real dates, the board. */
describe('deadline day (MariaDB)', () => {
  let t: TestApp;
  let admin: string;
  let reviewer: string;
  let communes: string[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2022', '2023']);
    communes = (await t.app.get(DataSource).getRepository(AdminUnit).find({ where: { level: 'commune' }, order: { code: 'ASC' } })).map((u) => u.code);
    expect(communes.length).toBeGreaterThanOrEqual(21);
    await createUsers(t.app, [['admin', ['administrator'], null], ['huyen.477', ['reviewer', 'analyst'], '477'], ...communes.slice(0, 21).map((c) => [`xa.${c}`, ['officer'], c] as [string, Role[], string])]);
    admin = await t.login('admin', PASSWORD);
    reviewer = await t.login('huyen.477', PASSWORD);
    for (const c of communes.slice(0, 21)) tokens.set(c, await t.login(`xa.${c}`, PASSWORD));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a save answers with the report exactly as stored (built from what it wrote, not read back): a GET right after gives the same body", async () => {
    // A commune no other case here touches, saved by the administrator.
    const unit = communes.filter((c, i) => i >= 21 && c !== '19894').at(-1)!;
    const token = admin;
    const first = await t.request<ReportBody>('PUT', `/api/reports/${unit}/2023`, { token, body: { version: 0, values: validValues(`same/${unit}`), notes: { '1.1.1': 'theo sổ theo dõi' } } });
    expect(first.status).toBe(200);
    expect(await t.request('GET', `/api/reports/${unit}/2023`, { token }).then((r) => r.body)).toEqual(first.body);
    // A partial edit: one value changed, one cleared, one note cleared, a narrative section written.
    const cleared = Object.keys(first.body.values)[1];
    const partial = await t.request<ReportBody & { updatedAt: string; narrative: Record<string, string> }>('PUT', `/api/reports/${unit}/2023`, {
      token,
      body: { version: first.body.version, values: { '1.1.1': 7, [cleared]: null }, notes: { '1.1.1': null }, narrative: { I: 'Công tác chỉ đạo, điều hành.' } },
    });
    expect(partial.status).toBe(200);
    expect(partial.body.version).toBe(first.body.version + 1);
    expect(partial.body.values['1.1.1']).toBe(7);
    expect(partial.body.values[cleared]).toBeUndefined();
    expect(await t.request('GET', `/api/reports/${unit}/2023`, { token }).then((r) => r.body)).toEqual(partial.body);
    // Nothing changed: same version, same body.
    const same = await t.request<ReportBody>('PUT', `/api/reports/${unit}/2023`, { token, body: { version: partial.body.version, values: { '1.1.1': 7 } } });
    expect(same.body).toEqual(partial.body);
  });

  it('an edited period deadline and a reloaded tree are seen by the very next report read (periods and units are cached per process)', async () => {
    const unit = communes[0];
    const token = admin;
    const read = () => t.request<ReportBody & { deadline: string; unitName: string; document: Record<string, unknown> }>('GET', `/api/reports/${unit}/2023`, { token }).then((r) => r.body);
    const before = await read();
    const period = (await t.request<{ deadline: string }>('GET', '/api/periods/2023', { token })).body;
    const moved = period.deadline === '2024-02-20' ? '2024-02-21' : '2024-02-20';
    expect((await t.request('PUT', '/api/periods/2023', { token, body: { deadline: moved } })).status).toBe(200);
    expect((await read()).deadline).toBe(moved);
    expect((await t.request('PUT', '/api/periods/2023', { token, body: { deadline: period.deadline } })).status).toBe(200);
    expect((await read()).deadline).toBe(period.deadline);

    // A rename of the commune and its district, loaded through the loader of this process.
    const file = path.join(REPO_ROOT, 'data/reference/vn-admin-units-2024.json');
    const rows = UnitsLoaderService.flatten(JSON.parse(fs.readFileSync(file, 'utf8')) as Parameters<typeof UnitsLoaderService.flatten>[0]).filter((r) => r.path.startsWith('/46/'));
    const renamed = rows.map((r) => (r.code === unit ? { ...r, name: `${r.name} (đổi tên)` } : r));
    await t.app.get(UnitsLoaderService).load(renamed);
    try {
      expect((await read()).unitName).toBe(`${before.unitName} (đổi tên)`);
      expect((await t.request<{ name: string }>('GET', `/api/units/${unit}`, { token })).body.name).toBe(`${before.unitName} (đổi tên)`);
    } finally {
      await t.app.get(UnitsLoaderService).load(rows);
    }
    expect((await read()).unitName).toBe(before.unitName);
  });

  it('keeps 130 in a % row (and a negative or fractional count) in the draft as error findings that block submission', async () => {
    const unit = '19894';
    const values = { ...validValues('deadline/19894'), '3.4.3': 130, '1.1.1': -5, '1.1.2': 2.5 };
    const put = await t.request<ReportBody>('PUT', `/api/reports/${unit}/2023`, { token: admin, body: { values } });
    expect(put.status).toBe(200);
    expect(put.body.values).toMatchObject({ '3.4.3': 130, '1.1.1': -5, '1.1.2': 2.5 });
    const errors = put.body.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}:${f.rule}`);
    expect(errors).toEqual(expect.arrayContaining(['3.4.3:range', '1.1.1:range', '1.1.2:integer']));

    // The stored figures round-trip exactly (a DOUBLE column), read back from the database.
    const again = await t.request<ReportBody>('GET', `/api/reports/${unit}/2023`, { token: admin });
    expect(again.body.values).toMatchObject({ '3.4.3': 130, '1.1.1': -5, '1.1.2': 2.5 });

    const submit = await t.request<ErrorBody>('POST', `/api/reports/${unit}/2023/submit`, { token: admin, body: { version: put.body.version } });
    expect(submit.status).toBe(422);
    expect(submit.body.details!.findings!.map((f) => f.code)).toEqual(expect.arrayContaining(['3.4.3', '1.1.1', '1.1.2']));
    expect((await t.request<ReportBody>('GET', `/api/reports/${unit}/2023`, { token: admin })).body.status).toBe('draft');
  });

  it('refuses text in a count and 1e308 with a 400 naming the code, storing nothing', async () => {
    const unit = communes[0];
    const token = tokens.get(unit)!;
    const first = await t.request<ReportBody>('PUT', `/api/reports/${unit}/2023`, { token, body: { values: { '1.1.1': 3 } } });
    expect(first.status).toBe(200);
    const before = await storedState(t.app, unit, '2023');
    for (const [raw, reason] of [['mười hai', /không phải là một số/], [1e308, /quá lớn/]] as const) {
      const r = await t.request<ErrorBody>('PUT', `/api/reports/${unit}/2023`, { token, body: { version: first.body.version, values: { '1.1.2': 7, '1.1.1': raw } } });
      expect({ status: r.status, field: r.body.field }).toEqual({ status: 400, field: '1.1.1' });
      expect(r.body.message).toMatch(reason);
    }
    expect(await storedState(t.app, unit, '2023')).toEqual(before);
  });

  it('20 communes creating their drafts at once with every value all succeed, nothing lost', async () => {
    const batch = communes.slice(1, 21);
    const sent = new Map(batch.map((c) => [c, validValues(`concurrent/${c}`)]));
    expect(Object.keys(sent.get(batch[0])!).length).toBeGreaterThan(60);
    const results = await Promise.all(
      batch.map((c) => t.request<ReportBody>('PUT', `/api/reports/${c}/2023`, { token: tokens.get(c)!, body: { values: sent.get(c) } })),
    );
    expect(results.map((r, i) => `${batch[i]}:${r.status}`)).toEqual(batch.map((c) => `${c}:200`));
    const ds = t.app.get(DataSource);
    for (const c of batch) {
      const report = await ds.getRepository(Report).findOneByOrFail({ unitCode: c, periodId: '2023' });
      const rows = await ds.getRepository(ReportValue).find({ where: { reportId: report.id } });
      expect(Object.fromEntries(rows.map((r) => [r.indicatorCode, r.value]))).toEqual(sent.get(c));
      // One audit row for the creation, one per value.
      expect(await ds.getRepository(AuditEntry).count({ where: { reportId: report.id } })).toBe(1 + rows.length);
    }
  });

  it('a period deadline that is no calendar day (2023-13-45) is a 400 naming the field; dates out of order too', async () => {
    const before = (await t.request<{ deadline: string }>('GET', '/api/periods/2023', { token: admin })).body;
    const bad = await t.request<ErrorBody>('PUT', '/api/periods/2023', { token: admin, body: { deadline: '2023-13-45' } });
    expect({ status: bad.status, field: bad.body.field }).toEqual({ status: 400, field: 'deadline' });
    expect(bad.body.message).toMatch(/ngày/);
    const feb = await t.request<ErrorBody>('PUT', '/api/periods/2023', { token: admin, body: { startDate: '2023-02-30' } });
    expect({ status: feb.status, field: feb.body.field }).toEqual({ status: 400, field: 'startDate' });
    const order = await t.request<ErrorBody>('PUT', '/api/periods/2023', { token: admin, body: { endDate: '2023-12-31', deadline: '2023-12-01' } });
    expect({ status: order.status, field: order.body.field }).toEqual({ status: 400, field: 'deadline' });
    expect((await t.request('GET', '/api/periods/2023', { token: admin })).body).toEqual(before);
  });

  it('the board: cards add up to the communes, drafting apart from not started, days late, first and last submission', async () => {
    // Two communes of district 477: one submits, is returned, submits again (late: the 2023 deadline has passed).
    const units = await t.app.get(DataSource).getRepository(AdminUnit).find({ where: { parentCode: '477', level: 'commune' }, order: { code: 'ASC' } });
    const [a, b] = units.map((u) => u.code);
    const put = async (code: string) => (await t.request<ReportBody>('PUT', `/api/reports/${code}/2023`, { token: admin, body: { values: validValues(`board/${code}`), version: (await t.request<ReportBody>('GET', `/api/reports/${code}/2023`, { token: admin })).body.version } })).body;
    const saved = await put(a);
    expect(saved.errorCount).toBe(0);
    let v = (await t.request<ReportBody>('POST', `/api/reports/${a}/2023/submit`, { token: admin, body: { version: saved.version } })).body.version;
    v = (await t.request<ReportBody>('POST', `/api/reports/${a}/2023/return`, { token: reviewer, body: { version: v, comment: 'Rà soát lại' } })).body.version;
    await new Promise((r) => setTimeout(r, 20));
    expect((await t.request('POST', `/api/reports/${a}/2023/submit`, { token: admin, body: { version: v } })).status).toBe(200);
    await put(b);

    const board = await t.request<{
      deadline: string;
      totals: { expected: number; byStatus: Record<string, number>; cards: Record<string, number> };
      rows: { unitCode: string; card: string; daysLate: number | null; resubmitted: boolean; firstSubmittedAt: string | null; lastSubmittedAt: string | null }[];
    }>('GET', '/api/submissions/477/2023', { token: reviewer });
    expect(board.status).toBe(200);
    const { totals, rows } = board.body;
    expect(totals.expected).toBe(units.length);
    expect(Object.values(totals.cards).reduce((s, n) => s + n, 0)).toBe(units.length);
    const ds = t.app.get(DataSource);
    const reports = await ds.getRepository(Report).find({ where: { periodId: '2023' } });
    const inDistrict = reports.filter((r) => units.some((u) => u.code === r.unitCode));
    expect(totals.cards.drafting).toBe(inDistrict.filter((r) => r.status === 'draft').length);
    expect(totals.cards.not_started).toBe(units.length - inDistrict.length);
    expect(totals.cards.submitted).toBe(1);
    const rowA = rows.find((r) => r.unitCode === a)!;
    const stored = inDistrict.find((r) => r.unitCode === a)!;
    expect(rowA).toMatchObject({ card: 'submitted', resubmitted: true, daysLate: daysLate(stored.firstSubmittedAt!, board.body.deadline) });
    expect(rowA.daysLate).toBeGreaterThan(0);
    expect(new Date(rowA.lastSubmittedAt!).getTime()).toBeGreaterThan(new Date(rowA.firstSubmittedAt!).getTime());
    expect(rows.find((r) => r.unitCode === b)).toMatchObject({ card: 'drafting', daysLate: null, resubmitted: false });
  });
});

describe('database unreachable (MariaDB behind a cuttable proxy)', () => {
  let t: TestApp;
  let proxy: CuttableProxy;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: string;
  const units = ['19867', '19870', '19873', '19876', '19879', '19882'];

  beforeAll(async () => {
    const u = new URL(infra.mysqlUrl);
    proxy = new CuttableProxy({ host: u.hostname, port: Number(u.port || 3306) });
    await proxy.start();
    db = await createTestDatabase('proxy');
    const via = new URL(db.url);
    via.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp({ DATABASE_URL: via.toString() });
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2022', '2023']);
    await createUsers(t.app, [['admin', ['administrator'], null]]);
    admin = await t.login('admin', PASSWORD);
  });
  afterAll(async () => {
    await proxy?.start();
    await t?.close();
    await db?.drop();
    await proxy?.cut();
  });

  it('answers 503 with Retry-After while cut, and after reconnecting no report is half-written', async () => {
    const first = await t.request<ReportBody>('PUT', `/api/reports/${units[0]}/2023`, { token: admin, body: { values: { '1.1.1': 4 } } });
    expect(first.status).toBe(200);
    const before = await storedState(t.app, units[0], '2023');

    // Full saves in flight when the line is cut: each must end all-or-nothing.
    const sent = new Map(units.slice(1).map((c) => [c, validValues(`proxy/${c}`)]));
    const inFlight = Promise.all([...sent].map(([c, values]) => t.request<ErrorBody>('PUT', `/api/reports/${c}/2023`, { token: admin, body: { values } })));
    await new Promise((r) => setTimeout(r, 15));
    await proxy.cut();
    const raced = await inFlight;
    for (const r of raced) expect([200, 503]).toContain(r.status);

    const save = await t.request<ErrorBody>('PUT', `/api/reports/${units[0]}/2023`, { token: admin, body: { version: first.body.version, values: { '1.1.1': 9 } } });
    expect(save.status).toBe(503);
    expect(save.headers['retry-after']).toMatch(/^\d+$/);
    expect(save.body.error).toBe('database_unavailable');
    expect(save.body.message).toMatch(/đã lưu trước đó vẫn an toàn/);
    const login = await t.request<ErrorBody>('POST', '/api/auth/login', { body: { username: 'admin', password: PASSWORD } });
    expect(login.status).toBe(503);
    expect(login.headers['retry-after']).toMatch(/^\d+$/);

    await proxy.start();
    // The pool reconnects on demand; the first request after the restore may still meet a dead socket.
    let back = 0;
    for (let i = 0; i < 20 && back !== 200; i++) {
      back = (await t.request('GET', `/api/reports/${units[0]}/2023`, { token: admin })).status;
      if (back !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(back).toBe(200);
    expect(await storedState(t.app, units[0], '2023')).toEqual(before);
    const ds = t.app.get(DataSource);
    for (const [c, values] of sent) {
      const report = await ds.getRepository(Report).findOne({ where: { unitCode: c, periodId: '2023' } });
      const audit = await ds.getRepository(AuditEntry).count({ where: { unitCode: c, periodId: '2023' } });
      if (!report) {
        expect({ c, audit }).toEqual({ c, audit: 0 });
        continue;
      }
      const rows = await ds.getRepository(ReportValue).find({ where: { reportId: report.id } });
      expect(Object.fromEntries(rows.map((r) => [r.indicatorCode, r.value]))).toEqual(values);
      expect(audit).toBe(1 + rows.length);
    }
    expect((await t.request('PUT', `/api/reports/${units[0]}/2023`, { token: admin, body: { version: first.body.version, values: { '1.1.1': 9 } } })).status).toBe(200);
  });
});
