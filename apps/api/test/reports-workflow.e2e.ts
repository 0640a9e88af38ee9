import { DataSource } from 'typeorm';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { ReportSnapshot } from '../src/modules/reports/entities/report-snapshot.entity';
import { startTestApp, TestApp } from './support/test-app';
import { createUsers, loadProvince46, openPeriods, PASSWORD, storedState, validValues } from './support/reports-fixtures';

interface Finding {
  code: string;
  severity: 'error' | 'warning';
  rule: string;
  message: { vi: string; en: string };
}
interface ReportBody {
  unitCode: string;
  unitName: string;
  period: string;
  status: string | null;
  version: number;
  values: Record<string, number>;
  notes: Record<string, string>;
  narrative: Record<string, string>;
  returnComment: string | null;
  returnedAs: 'returned' | 'reopened' | null;
  comments: { indicatorCode: string | null; body: string; author: string }[];
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  approvedAt: string | null;
  onTime: boolean | null;
  updatedBy: string | null;
  findings: Finding[];
  errorCount: number;
  details?: { findings?: Finding[]; status?: string };
  error?: string;
  message?: string;
  messageEn?: string;
}

const U = '/api/reports/19894/2023';

describe('reports: the whole workflow, role by role (MariaDB + BullMQ)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => ({ token: tok[who] });

  beforeAll(async () => {
    t = await startTestApp();
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2022', '2023']);
    await createUsers(t.app, [
      ['admin', ['administrator'], null],
      ['tinh.46', ['analyst'], '46'],
      ['huyen.477', ['reviewer', 'analyst'], '477'],
      ['huyen.474', ['reviewer', 'analyst'], '474'],
      ['xa.19894', ['officer'], '19894'],
      ['xa.19870', ['officer'], '19870'],
    ]);
    for (const u of ['admin', 'tinh.46', 'huyen.477', 'huyen.474', 'xa.19894', 'xa.19870']) tok[u] = await t.login(u, PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
  });

  const rollupSeq = async (unit: string) =>
    (await t.app.get(DataSource).getRepository(RollupState).findOne({ where: { unitCode: unit, periodId: '2023' } }))?.requestedSeq ?? 0;

  it('a report not yet started reads as empty (status null, version 0), for the officer and its reviewers', async () => {
    for (const who of ['xa.19894', 'huyen.477', 'tinh.46', 'admin']) {
      const r = await t.request<ReportBody>('GET', U, as(who));
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ unitCode: '19894', unitName: 'Xã Quảng Thọ', period: '2023', status: null, version: 0, values: {} });
    }
  });

  it('the commune officer saves a draft: Vietnamese numbers are read, blanks clear, findings come back', async () => {
    let r = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { values: { '1.1.1': 29, '1.1.2': '29', '7.8.3': '56,1', '1.4.1': '1.714' }, notes: { '1.1.1': 'Kế hoạch 05/KH-UBND' }, narrative: { I: 'Công tác chỉ đạo' } } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'draft', version: 1, values: { '1.1.1': 29, '1.1.2': 29, '7.8.3': 56.1, '1.4.1': 1714 }, notes: { '1.1.1': 'Kế hoạch 05/KH-UBND' }, narrative: { I: 'Công tác chỉ đạo' }, updatedBy: 'xa.19894' });
    expect(r.body.findings.some((f) => f.rule === 'required')).toBe(true);

    // Partial merge: only what is sent changes; "" clears a value (blank, not zero).
    r = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: 1, values: { '1.1.2': 30, '1.4.1': '' } } });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(2);
    expect(r.body.values['1.1.1']).toBe(29);
    expect(r.body.values['1.1.2']).toBe(30);
    expect(r.body.values).not.toHaveProperty('1.4.1');
    expect(r.body.narrative).toEqual({ I: 'Công tác chỉ đạo' });
    expect(r.body.findings.find((f) => f.code === '1.1.2' && f.severity === 'error')?.message.vi).toMatch(/1\.1\.2/);
  });

  it('submission is refused with the findings while errors remain, and nothing changes', async () => {
    const before = await storedState(t.app, '19894', '2023');
    const r = await t.request<ReportBody>('POST', `${U}/submit`, as('xa.19894'));
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('report_has_errors');
    expect(r.body.details!.findings!.map((f) => f.code)).toContain('1.1.2');
    expect(r.body.details!.findings!.every((f) => f.severity === 'error')).toBe(true);
    expect(await storedState(t.app, '19894', '2023')).toEqual(before);
  });

  it('a reviewer, an analyst or another commune cannot edit; the officer fills the report and submits it', async () => {
    for (const who of ['huyen.477', 'tinh.46']) {
      const r = await t.request<ReportBody>('PUT', U, { ...as(who), body: { version: 2, values: { '1.1.1': 1 } } });
      expect(r.status).toBe(403);
    }
    const other = await t.request<ReportBody>('PUT', U, { ...as('xa.19870'), body: { version: 2, values: { '1.1.1': 1 } } });
    expect(other.status).toBe(403);
    expect(other.body.error).toBe('forbidden');

    const values = validValues('workflow/19894');
    const saved = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: 2, values } });
    expect(saved.status).toBe(200);
    expect(saved.body.errorCount).toBe(0);

    for (const who of ['huyen.477', 'tinh.46', 'xa.19870']) {
      expect((await t.request('POST', `${U}/submit`, as(who))).status).toBe(403);
    }
    const r = await t.request<ReportBody>('POST', `${U}/submit`, { ...as('xa.19894'), body: { version: 3 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'submitted', version: 4, onTime: false });
    expect(r.body.submittedAt).toBeTruthy();
    expect(r.body.firstSubmittedAt).toBe(r.body.submittedAt);
  });

  it('a submitted report cannot be edited or submitted again (409 naming the status)', async () => {
    const before = await storedState(t.app, '19894', '2023');
    const put = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: 4, values: { '1.1.1': 30 } } });
    expect(put.status).toBe(409);
    expect(put.body.message).toMatch(/Đã nộp/);
    const again = await t.request<ReportBody>('POST', `${U}/submit`, as('xa.19894'));
    expect(again.status).toBe(409);
    expect(again.body.details!.status).toBe('submitted');
    expect(await storedState(t.app, '19894', '2023')).toEqual(before);
  });

  it('the district reviewer returns it with comments; the officer fixes and resubmits; the diff shows the fix', async () => {
    expect((await t.request('POST', `${U}/return`, { ...as('huyen.477'), body: {} })).status).toBe(400);
    expect((await t.request('POST', `${U}/return`, { ...as('huyen.474'), body: { comment: 'x' } })).status).toBe(403);
    expect((await t.request('POST', `${U}/return`, { ...as('tinh.46'), body: { comment: 'x' } })).status).toBe(403);
    const r = await t.request<ReportBody>('POST', `${U}/return`, {
      ...as('huyen.477'),
      body: { comment: 'Đề nghị kiểm tra lại nhiệm vụ hoàn thành.', indicatorComments: { '1.1.2': 'Số hoàn thành cần khớp báo cáo.' } },
    });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('returned');
    expect(r.body.returnComment).toBe('Đề nghị kiểm tra lại nhiệm vụ hoàn thành.');
    expect(r.body.comments).toEqual([
      expect.objectContaining({ indicatorCode: null, body: 'Đề nghị kiểm tra lại nhiệm vụ hoàn thành.', author: 'huyen.477' }),
      expect.objectContaining({ indicatorCode: '1.1.2', body: 'Số hoàn thành cần khớp báo cáo.' }),
    ]);

    const cur = await t.request<ReportBody>('GET', U, as('xa.19894'));
    const fixed = cur.body.values['1.1.1'] - 1;
    const put = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: cur.body.version, values: { '1.1.2': fixed } } });
    expect(put.status).toBe(200);

    const diff = await t.request<{ since: { kind: string } | null; changes: { code: string; before: number | null; after: number | null }[] }>('GET', `${U}/diff`, as('huyen.477'));
    expect(diff.status).toBe(200);
    expect(diff.body.since!.kind).toBe('returned');
    expect(diff.body.changes).toEqual([{ code: '1.1.2', before: cur.body.values['1.1.2'], after: fixed }]);

    const first = cur.body.firstSubmittedAt;
    const again = await t.request<ReportBody>('POST', `${U}/submit`, as('xa.19894'));
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('submitted');
    expect(again.body.firstSubmittedAt).toBe(first);
    // Resubmitted: the reason is history now (in comments), no longer the current one.
    expect(again.body).toMatchObject({ returnComment: null, returnedAs: null });
    expect(again.body.comments.map((c) => c.body)).toContain('Đề nghị kiểm tra lại nhiệm vụ hoàn thành.');
  });

  it('only a reviewer of the district approves; approval marks the district rollup stale and makes the report read-only', async () => {
    const seq = await rollupSeq('477');
    for (const who of ['xa.19894', 'tinh.46', 'huyen.474']) {
      expect((await t.request('POST', `${U}/approve`, as(who))).status).toBe(403);
    }
    expect(await rollupSeq('477')).toBe(seq);
    const r = await t.request<ReportBody>('POST', `${U}/approve`, as('huyen.477'));
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('approved');
    expect(r.body.approvedAt).toBeTruthy();
    expect(await rollupSeq('477')).toBe(seq + 1);

    const before = await storedState(t.app, '19894', '2023');
    const put = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: r.body.version, values: { '1.1.1': 1 } } });
    expect(put.status).toBe(409);
    expect(put.body.error).toBe('read_only');
    expect((await t.request<ReportBody>('POST', `${U}/approve`, as('huyen.477'))).status).toBe(409);
    expect((await t.request<ReportBody>('POST', `${U}/return`, { ...as('huyen.477'), body: { comment: 'x' } })).status).toBe(409);
    expect(await storedState(t.app, '19894', '2023')).toEqual(before);
  });

  it('reopening needs a reason: 400 in Vietnamese without one (or a blank one), and nothing changes', async () => {
    const before = await storedState(t.app, '19894', '2023');
    const seq = await rollupSeq('477');
    for (const body of [{}, { reason: '   ' }, { reason: 42 }]) {
      const r = await t.request<ReportBody & { field?: string }>('POST', `${U}/reopen`, { ...as('huyen.477'), body });
      expect(r.status).toBe(400);
      expect(r.body.field).toBe('reason');
      expect(r.body.message).toMatch(/lý do mở lại/);
    }
    expect(await storedState(t.app, '19894', '2023')).toEqual(before);
    expect(await rollupSeq('477')).toBe(seq);
  });

  it('reopening is for the approving level only: approved → returned with its reason, which the commune sees, the rollup is marked again', async () => {
    const seq = await rollupSeq('477');
    for (const who of ['xa.19894', 'tinh.46', 'huyen.474']) {
      expect((await t.request('POST', `${U}/reopen`, { ...as(who), body: { reason: 'x' } })).status).toBe(403);
    }
    const r = await t.request<ReportBody>('POST', `${U}/reopen`, { ...as('huyen.477'), body: { reason: '  Mở lại để bổ sung số liệu quý IV. ' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'returned', approvedAt: null, returnComment: 'Mở lại để bổ sung số liệu quý IV.', returnedAs: 'reopened' });
    const seen = await t.request<ReportBody>('GET', U, as('xa.19894'));
    expect(seen.body).toMatchObject({ returnComment: 'Mở lại để bổ sung số liệu quý IV.', returnedAs: 'reopened' });
    expect(seen.body.comments.at(-1)).toMatchObject({ indicatorCode: null, body: 'Mở lại để bổ sung số liệu quý IV.', author: 'huyen.477' });
    const history = await t.request<{ action: string; after: string | null }[]>('GET', `${U}/history`, as('xa.19894'));
    expect(history.body.filter((h) => h.action === 'comment').map((h) => h.after)).toContain('Mở lại để bổ sung số liệu quý IV.');
    expect(await rollupSeq('477')).toBe(seq + 1);
    const kinds = (await t.app.get(DataSource).getRepository(ReportSnapshot).find({ order: { id: 'ASC' } })).map((s) => s.kind);
    expect(kinds).toEqual(['submitted', 'returned', 'submitted', 'approved', 'reopened']);
  });

  it('the audit trail has every value, note, section and status change, readable by the unit and its reviewers only', async () => {
    const r = await t.request<{ actor: string; action: string; field: string | null; before: string | null; after: string | null }[]>('GET', `${U}/history`, as('huyen.477'));
    expect(r.status).toBe(200);
    const h = r.body;
    expect(h[0]).toMatchObject({ actor: 'xa.19894', action: 'status', before: null, after: 'draft' });
    expect(h).toContainEqual(expect.objectContaining({ action: 'value', field: '1.1.1', before: null, after: '29' }));
    expect(h).toContainEqual(expect.objectContaining({ action: 'value', field: '1.1.2', before: '29', after: '30' }));
    expect(h).toContainEqual(expect.objectContaining({ action: 'value', field: '1.4.1', before: '1714', after: null }));
    expect(h).toContainEqual(expect.objectContaining({ action: 'note', field: '1.1.1', before: null, after: 'Kế hoạch 05/KH-UBND' }));
    expect(h).toContainEqual(expect.objectContaining({ action: 'narrative', field: 'I', after: 'Công tác chỉ đạo' }));
    expect(h.filter((e) => e.action === 'status').map((e) => `${e.actor}:${e.before}>${e.after}`)).toEqual([
      'xa.19894:null>draft',
      'xa.19894:draft>submitted',
      'huyen.477:submitted>returned',
      'xa.19894:returned>submitted',
      'huyen.477:submitted>approved',
      'huyen.477:approved>returned',
    ]);
    expect(h).toContainEqual(expect.objectContaining({ action: 'comment', field: '1.1.2', after: 'Số hoàn thành cần khớp báo cáo.' }));
    for (const who of ['xa.19894', 'tinh.46', 'admin']) expect((await t.request('GET', `${U}/history`, as(who))).status).toBe(200);
    for (const who of ['xa.19870', 'huyen.474']) expect((await t.request('GET', `${U}/history`, as(who))).status).toBe(403);
  });

  it('the submission board: per commune for a district, per district with counts for the province', async () => {
    // One more commune with a draft, for the board to show.
    expect((await t.request('PUT', '/api/reports/19870/2023', { ...as('xa.19870'), body: { values: { '1.1.1': 3 } } })).status).toBe(200);

    const d = await t.request<{ rowsLevel: string; totals: { expected: number; byStatus: Record<string, number> }; rows: { unitCode: string; status: string; timeliness: string; lastChange: string | null }[] }>(
      'GET', '/api/submissions/477/2023', as('huyen.477'));
    expect(d.status).toBe(200);
    expect(d.body.rowsLevel).toBe('commune');
    expect(d.body.rows).toHaveLength(11);
    const row = (c: string) => d.body.rows.find((x) => x.unitCode === c)!;
    expect(row('19894')).toMatchObject({ status: 'returned', timeliness: 'late' });
    expect(row('19870')).toMatchObject({ status: 'draft', timeliness: 'missing' });
    expect(row('19867')).toMatchObject({ status: 'missing', timeliness: 'missing', lastChange: null });
    expect(d.body.totals).toMatchObject({ expected: 11, byStatus: { missing: 9, draft: 1, returned: 1, submitted: 0, approved: 0 } });

    const p = await t.request<{ rowsLevel: string; totals: { expected: number }; rows: { unitCode: string; expected: number; byStatus: Record<string, number> }[] }>(
      'GET', '/api/submissions/46/2023', as('tinh.46'));
    expect(p.status).toBe(200);
    expect(p.body.rowsLevel).toBe('district');
    expect(p.body.rows).toHaveLength(9);
    expect(p.body.rows.find((r) => r.unitCode === '477')).toMatchObject({ expected: 11, byStatus: { draft: 1, returned: 1, missing: 9 } });
    expect(p.body.totals.expected).toBe(141);
    const all = await t.request<{ rows: unknown[] }>('GET', '/api/submissions/46/2023?level=commune', as('tinh.46'));
    expect(all.body.rows).toHaveLength(141);

    expect((await t.request('GET', '/api/submissions/477/2023', as('xa.19894'))).status).toBe(403);
    expect((await t.request('GET', '/api/submissions/477/2023', as('huyen.474'))).status).toBe(403);
    expect((await t.request('GET', '/api/submissions/477/2024', as('huyen.477'))).status).toBe(404);
    expect((await t.request('GET', '/api/submissions/19894/2023', as('huyen.477'))).status).toBe(400);
  });

  // Changed with "every level files its own report": a district's report is no longer refused (422) but
  // is filled in only by the district's officer; an old district reviewer (reviewer + analyst) is not one.
  it('a district report is written only by its officer, and the analyst reads but never writes', async () => {
    const r = await t.request<ReportBody>('PUT', '/api/reports/477/2023', { ...as('huyen.477'), body: { values: { '4.1.1': 1 } } });
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('forbidden_role');
    expect((await t.request('GET', '/api/reports/477/2023', as('huyen.477'))).status).toBe(200);
    expect((await t.request('GET', U, as('tinh.46'))).status).toBe(200);
    expect((await t.request('POST', `${U}/submit`, as('tinh.46'))).status).toBe(403);
  });
});

describe('reports with ROLLUP_BASIS=submitted: a submission already counts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ROLLUP_BASIS: 'submitted' });
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2023']);
    await createUsers(t.app, [['xa.19894', ['officer'], '19894']]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('submitting marks the district rollup stale', async () => {
    const token = await t.login('xa.19894', PASSWORD);
    const saved = await t.request<ReportBody>('PUT', U, { token, body: { values: validValues('basis/19894') } });
    expect(saved.status).toBe(200);
    const seq = async () => (await t.app.get(DataSource).getRepository(RollupState).findOne({ where: { unitCode: '477', periodId: '2023' } }))?.requestedSeq ?? 0;
    expect(await seq()).toBe(0);
    expect((await t.request('POST', `${U}/submit`, { token })).status).toBe(200);
    expect(await seq()).toBe(1);
  });
});
