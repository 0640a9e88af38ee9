import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { REPO_ROOT } from '../src/config/config.schema';
import { UserRoles1765100000000 } from '../src/database/migrations/1765100000000-user-roles';
import { UnitsLoaderService } from '../src/modules/units/units-loader.service';
import { UsersService } from '../src/modules/users/users.service';
import { createUsers, loadProvince46, openPeriods, PASSWORD, storedState, validValues } from './support/reports-fixtures';
import { waitFor } from './support/rollup-fixtures';
import { startTestApp, TestApp } from './support/test-app';

interface SummaryBody {
  ownReport: { status: string; counted: boolean } | null;
  indicators: Array<{ code: string; summary: { count: number; sum: number }; own: { value: number | null; status: string } | null }>;
}

/** Every level files its own report, reviewed by the unit directly above (three tiers and two). */
async function approvedSum(t: TestApp, token: string, unit: string, period: string, code: string, want: { count: number; sum: number }): Promise<void> {
  let last: unknown = null;
  await waitFor(async () => {
    const r = await t.request<SummaryBody>('GET', `/api/summaries/${unit}/${period}`, { token });
    const row = r.body.indicators?.find((i) => i.code === code);
    last = row?.summary;
    return row?.summary.count === want.count && row.summary.sum === want.sum;
  }, `summary ${unit} ${code} = ${JSON.stringify(want)} (last ${JSON.stringify(last)})`);
}

describe('three tiers (2024 tree): a district files its own report, the province reviews it', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => ({ token: tok[who] });
  const own: Record<string, Record<string, number>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2023']);
    await createUsers(t.app, [
      ['tinh.46', ['officer', 'reviewer', 'analyst'], '46'],
      ['huyen.477', ['officer', 'reviewer'], '477'],
      ['huyen.474', ['officer', 'reviewer'], '474'],
      ['xa.19894', ['officer'], '19894'],
      ['canbo.46', ['officer'], '46'],
    ]);
    for (const u of ['tinh.46', 'huyen.477', 'huyen.474', 'xa.19894', 'canbo.46']) tok[u] = await t.login(u, PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a district officer saves and submits the district's own report; the province reviewer approves it", async () => {
    for (const [d, a, b] of [['477', 12, 3], ['474', 9, 2]] as const) {
      own[d] = { ...validValues(`district/${d}`, 'district'), '4.1.1': a, '5.2.1': b };
      const saved = await t.request<{ status: string; errorCount: number }>('PUT', `/api/reports/${d}/2023`, { ...as(`huyen.${d}`), body: { values: own[d] } });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ status: 'draft', errorCount: 0 });
      expect((await t.request('POST', `/api/reports/${d}/2023/submit`, as(`huyen.${d}`))).status).toBe(200);
    }
    // Officer + reviewer of a district: not the reviewer of its own report, nor of a sibling's.
    const self = await t.request<{ error: string }>('POST', '/api/reports/477/2023/approve', as('huyen.477'));
    expect(self.status).toBe(403);
    expect([403, 404]).toContain((await t.request('POST', '/api/reports/474/2023/approve', as('huyen.477'))).status);
    for (const d of ['477', '474']) {
      const r = await t.request<{ status: string }>('POST', `/api/reports/${d}/2023/approve`, as('tinh.46'));
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('approved');
    }
    // The province summary of a district-only row is the sum of the districts' own approved reports.
    await approvedSum(t, tok['tinh.46'], '46', '2023', '4.1.1', { count: 2, sum: own['477']['4.1.1'] + own['474']['4.1.1'] });
    await approvedSum(t, tok['tinh.46'], '46', '2023', '5.2.1', { count: 2, sum: own['477']['5.2.1'] + own['474']['5.2.1'] });
  });

  it("officer + reviewer of a district reviews its communes but never edits a commune's values", async () => {
    const U = '/api/reports/19894/2023';
    const before = await storedState(t.app, '19894', '2023');
    const edit = await t.request('PUT', U, { ...as('huyen.477'), body: { values: { '1.1.1': 1 } } });
    expect(edit.status).toBe(403);
    expect(await storedState(t.app, '19894', '2023')).toEqual(before);
    expect((await t.request('PUT', U, { ...as('xa.19894'), body: { values: validValues('tiers/19894') } })).status).toBe(200);
    expect((await t.request('POST', `${U}/submit`, as('xa.19894'))).status).toBe(200);
    // The province is not the commune's direct parent in three tiers.
    expect((await t.request('POST', `${U}/approve`, as('tinh.46'))).status).toBe(403);
    expect((await t.request('POST', `${U}/approve`, as('huyen.477'))).status).toBe(200);
    // Without analyst, only its own unit's consolidation (to fill in its own report beside it), no one else's.
    expect((await t.request('GET', '/api/summaries/477/2023', as('huyen.477'))).status).toBe(200);
    expect((await t.request('GET', '/api/summaries/46/2023', as('huyen.477'))).status).toBe(403);
    expect((await t.request('GET', '/api/summaries/474/2023', as('huyen.477'))).status).toBe(403);
    expect((await t.request('GET', '/api/summaries/19894/2023', as('xa.19894'))).status).toBe(403);
    // A province officer alike: its own province, not a district of its subtree.
    expect((await t.request('GET', '/api/summaries/46/2023', as('canbo.46'))).status).toBe(200);
    expect((await t.request('GET', '/api/summaries/477/2023', as('canbo.46'))).status).toBe(403);
  });

  it("a summary shows the unit's own figure beside the consolidation of its children, labelled apart", async () => {
    const commune = validValues('tiers/19894');
    // 1.1.1 is reported by communes and districts: the district's summary shows both figures.
    await approvedSum(t, tok['tinh.46'], '477', '2023', '1.1.1', { count: 1, sum: commune['1.1.1'] });
    const district = await t.request<SummaryBody>('GET', '/api/summaries/477/2023', as('huyen.477'));
    const row = (body: SummaryBody, code: string) => body.indicators.find((i) => i.code === code)!;
    expect(district.body.ownReport).toEqual({ status: 'approved', counted: true });
    expect(row(district.body, '1.1.1').own).toEqual({ value: own['477']['1.1.1'], status: 'approved' });
    expect(row(district.body, '1.1.1').summary).toMatchObject({ count: 1, sum: commune['1.1.1'] });
    expect(own['477']['1.1.1']).not.toBe(commune['1.1.1']);
    // 4.1.1 only districts report: the district has its own figure and nothing from its communes…
    expect(row(district.body, '4.1.1').own).toEqual({ value: 12, status: 'approved' });
    expect(row(district.body, '4.1.1').summary).toMatchObject({ count: 0, sum: 0 });
    // …and the province consolidates the districts' own figures, with no own figure while it has no report.
    const province = await t.request<SummaryBody>('GET', '/api/summaries/46/2023', as('tinh.46'));
    expect(province.body.ownReport).toBeNull();
    expect(row(province.body, '4.1.1')).toMatchObject({ own: null, summary: { count: 2, sum: 12 + 9 } });
    // A row the unit's level does not report has no own figure (2.6 is the communes' only).
    expect(row(district.body, '2.6').own).toBeNull();

    // The province's own draft is not counted on the approved basis: listed, but no figure beside the consolidation.
    expect((await t.request('PUT', '/api/reports/46/2023', { ...as('tinh.46'), body: { values: { '4.1.1': 40 } } })).status).toBe(200);
    const drafted = await t.request<SummaryBody>('GET', '/api/summaries/46/2023', as('tinh.46'));
    expect(drafted.body.ownReport).toEqual({ status: 'draft', counted: false });
    expect(row(drafted.body, '4.1.1')).toMatchObject({ own: null, summary: { count: 2, sum: 21 } });
  });
});

describe('two tiers (2025 tree): the province reviews its communes', () => {
  let t: TestApp;
  const P1 = '19753';

  beforeAll(async () => {
    t = await startTestApp();
    const file = path.join(REPO_ROOT, 'data/reference/vn-admin-units-2025.json');
    const rows = UnitsLoaderService.flatten(JSON.parse(fs.readFileSync(file, 'utf8')) as Parameters<typeof UnitsLoaderService.flatten>[0]).filter((r) => r.path.startsWith('/46/'));
    await t.app.get(UnitsLoaderService).load(rows);
    await openPeriods(t.app, ['2025']);
    await createUsers(t.app, [
      ['tinh.46', ['officer', 'reviewer', 'analyst'], '46'],
      [`xa.${P1}`, ['officer'], P1],
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a commune's report is approved by the province reviewer and reaches the province summary", async () => {
    const xa = await t.login(`xa.${P1}`, PASSWORD);
    const tinh = await t.login('tinh.46', PASSWORD);
    const U = `/api/reports/${P1}/2025`;
    const values = validValues(`two-tier/${P1}`);
    expect((await t.request('PUT', U, { token: xa, body: { values } })).status).toBe(200);
    expect((await t.request('POST', `${U}/submit`, { token: xa })).status).toBe(200);
    expect((await t.request('POST', `${U}/return`, { token: tinh, body: { comment: 'Bổ sung minh chứng' } })).status).toBe(200);
    expect((await t.request('POST', `${U}/submit`, { token: xa })).status).toBe(200);
    expect((await t.request('POST', `${U}/approve`, { token: tinh })).status).toBe(200);
    await approvedSum(t, tinh, '46', '2025', '1.1.1', { count: 1, sum: values['1.1.1'] });
    // The province's own report has no reviewer but an administrator.
    expect((await t.request('PUT', '/api/reports/46/2025', { token: tinh, body: { values: { '3.5.1': 95 } } })).status).toBe(200);
    expect((await t.request('POST', '/api/reports/46/2025/approve', { token: tinh })).status).toBe(403);
  });
});

describe('the role migration keeps every old account able to do exactly what it could', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2023']);
    // Back to the old single-role schema, old-style rows, then the migration forward again.
    const ds = t.app.get(DataSource);
    const q = ds.createQueryRunner();
    const migration = new UserRoles1765100000000();
    await migration.down(q);
    const hash = await UsersService.hash(PASSWORD);
    for (const [username, role, unit] of [
      ['admin', 'admin', null],
      ['huyen.477', 'district_reviewer', '477'],
      ['tinh.46', 'province_analyst', '46'],
      ['xa.19894', 'commune_officer', '19894'],
    ]) {
      await q.query(
        'INSERT INTO users (username, password_hash, display_name, role, unit_code, active, created_at, token_version, must_change_password) VALUES (?, ?, ?, ?, ?, 1, NOW(), 0, 0)',
        [username, hash, username, role, unit],
      );
    }
    await q.query("INSERT INTO auth_events (at, action, actor, target_username, detail) VALUES (NOW(), 'user_create', 'admin', 'xa.19894', '{}')");
    await migration.up(q);
    await q.release();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('maps each old role, keeps the accounts and their audit trail', async () => {
    const rows = await t.app.get(DataSource).query('SELECT username, roles FROM users ORDER BY username');
    expect(rows).toEqual([
      { username: 'admin', roles: 'administrator' },
      { username: 'huyen.477', roles: 'reviewer,analyst' },
      { username: 'tinh.46', roles: 'analyst' },
      { username: 'xa.19894', roles: 'officer' },
    ]);
    const [{ n }] = await t.app.get(DataSource).query("SELECT COUNT(*) AS n FROM auth_events WHERE target_username = 'xa.19894'");
    expect(Number(n)).toBe(1);
  });

  it('each account can do what it did before and nothing more', async () => {
    const tok: Record<string, string> = {};
    for (const u of ['admin', 'huyen.477', 'tinh.46', 'xa.19894']) tok[u] = await t.login(u, PASSWORD);
    const U = '/api/reports/19894/2023';
    // The officer fills in and submits; nobody else of the old roles but the administrator could.
    expect((await t.request('PUT', U, { token: tok['huyen.477'], body: { values: { '1.1.1': 1 } } })).status).toBe(403);
    expect((await t.request('PUT', U, { token: tok['tinh.46'], body: { values: { '1.1.1': 1 } } })).status).toBe(403);
    expect((await t.request('PUT', U, { token: tok['xa.19894'], body: { values: validValues('mig/19894') } })).status).toBe(200);
    expect((await t.request('POST', `${U}/submit`, { token: tok['xa.19894'] })).status).toBe(200);
    // Review: the district reviewer only.
    expect((await t.request('POST', `${U}/approve`, { token: tok['xa.19894'] })).status).toBe(403);
    expect((await t.request('POST', `${U}/approve`, { token: tok['tinh.46'] })).status).toBe(403);
    expect((await t.request('POST', `${U}/approve`, { token: tok['huyen.477'] })).status).toBe(200);
    // Summaries, rankings, exports: the district reviewer and the province analyst, not the officer.
    for (const [who, unit, status] of [['huyen.477', '477', 200], ['tinh.46', '46', 200], ['xa.19894', '19894', 403], ['admin', '46', 200]] as const) {
      expect([who, (await t.request('GET', `/api/summaries/${unit}/2023`, { token: tok[who] })).status]).toEqual([who, status]);
      expect([who, (await t.request('GET', `/api/rankings/${unit === '19894' ? '477' : unit}/2023`, { token: tok[who] })).status]).toEqual([who, status === 200 ? 200 : 403]);
    }
    // Accounts: administrators only.
    expect((await t.request('GET', '/api/users', { token: tok['admin'] })).status).toBe(200);
    expect((await t.request('GET', '/api/users', { token: tok['tinh.46'] })).status).toBe(403);
  });
});
