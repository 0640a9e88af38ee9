import { DataSource, Like } from 'typeorm';
import { TEMPLATE_2023, hasErrors, validateReport } from '@cchc/shared';
import { DemoSeedService } from '../src/bootstrap/demo-seed.service';
import { AuditEntry } from '../src/modules/audit/entities/audit-entry.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import { Report } from '../src/modules/reports/entities/report.entity';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { User } from '../src/modules/users/entities/user.entity';
import { startTestApp, TestApp } from './support/test-app';
import { loadProvince46 } from './support/reports-fixtures';

const TEMPLATE = TEMPLATE_2023;

interface ReportBody {
  status: string;
  version: number;
  values: Record<string, number>;
  notes: Record<string, string>;
  narrative: Record<string, string>;
  findings: { code: string; severity: string; rule: string }[];
  previousPeriod: string | null;
  onTime: boolean | null;
  error?: string;
}

describe('demo seed: Tỉnh Thừa Thiên Huế with the real Quảng Thọ report (MariaDB)', () => {
  let t: TestApp;
  let ds: DataSource;
  const counts = async () => ({
    users: await ds.getRepository(User).count(),
    reports: await ds.getRepository(Report).count(),
    values: await ds.getRepository(ReportValue).count(),
    audit: await ds.getRepository(AuditEntry).count(),
  });

  beforeAll(async () => {
    t = await startTestApp({ DEMO_PASSWORD: 'demo-pass' });
    ds = t.app.get(DataSource);
    await loadProvince46(t.app);
    await t.app.get(DemoSeedService).seed();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the accounts of DESIGN.md with the configured password', async () => {
    const users = await ds.getRepository(User).find();
    const names = users.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['admin', 'tinh.46', 'huyen.477', 'huyen.474', 'xa.19894', 'xa.19870']));
    expect(users).toHaveLength(1 + 1 + 9 + 141);
    // One hash shared: seeding costs one bcrypt round, not 152.
    expect(new Set(users.map((u) => u.passwordHash)).size).toBe(1);
    for (const u of ['admin', 'tinh.46', 'huyen.477', 'xa.19894']) await t.login(u, 'demo-pass');
    expect((await t.request('POST', '/api/auth/login', { body: { username: 'xa.19894', password: 'demo' } })).status).toBe(401);
  });

  it("puts the real report in as Quảng Thọ's 2023 report: submitted, with its narrative, notes and the two real errors", async () => {
    const token = await t.login('huyen.477', 'demo-pass');
    const r = await t.request<ReportBody>('GET', '/api/reports/19894/2023', { token });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('submitted');
    expect(r.body.onTime).toBe(true);
    expect(r.body.values).toMatchObject({ '1.1.1': 29, '1.1.2': 29, '1.4.1': 1714, '7.8.3': 56.1, '7.8.4': 43.8, '3.4.3': 130, '3.4.4': 130 });
    expect(Object.keys(r.body.narrative)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(r.body.narrative.I).toMatch(/^1\. Về kế hoạch cải cách hành chính/);
    expect(r.body.narrative.V).toMatch(/thanh toán trực tuyến/);
    expect(r.body.notes['1.1.1']).toMatch(/29 nhiệm vụ/);
    expect(r.body.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['3.4.3', '3.4.4']);
    expect(r.body.previousPeriod).toBe('2022');

    // The reviewer cannot approve it as it is; returning it is what the demo is for.
    const approve = await t.request<ReportBody>('POST', '/api/reports/19894/2023/approve', { token });
    expect(approve.status).toBe(422);
    expect(approve.body.error).toBe('report_has_errors');
  });

  it('generates a plausible report for the other communes, in a realistic mix of statuses, for 2023 and 2022', async () => {
    const reports = await ds.getRepository(Report).find({ where: { unitPath: Like('/46/%') } });
    const by = (period: string) => {
      const out: Record<string, number> = {};
      for (const r of reports.filter((x) => x.periodId === period)) out[r.status] = (out[r.status] ?? 0) + 1;
      return out;
    };
    const y23 = by('2023');
    const total23 = Object.values(y23).reduce((a, b) => a + b, 0);
    expect(total23).toBeLessThan(141);
    expect(y23.approved).toBeGreaterThan(total23 / 2);
    for (const s of ['submitted', 'returned', 'draft']) expect(y23[s]).toBeGreaterThan(0);
    expect(by('2022').approved).toBeGreaterThan(100);

    // Every generated report is valid per the shared rules (only Quảng Thọ's real one has errors).
    const values = await ds.getRepository(ReportValue).find();
    const byReport = new Map<number, Record<string, number>>();
    for (const v of values) if (v.value !== null) byReport.set(v.reportId, { ...(byReport.get(v.reportId) ?? {}), [v.indicatorCode]: v.value });
    const withErrors = reports
      .filter((r) => hasErrors(validateReport(TEMPLATE, byReport.get(r.id) ?? {}, { level: 'commune', forSubmission: true })))
      .map((r) => `${r.unitCode}/${r.periodId}`);
    expect(withErrors).toEqual(['19894/2023']);
    // Deterministic: the demo district's board is the hand-picked one.
    const token = await t.login('huyen.477', 'demo-pass');
    const board = await t.request<{ rows: { unitCode: string; status: string }[] }>('GET', '/api/submissions/477/2023', { token });
    expect(Object.fromEntries(board.body.rows.map((r) => [r.unitCode, r.status]))).toMatchObject({ '19894': 'submitted', '19870': 'submitted', '19879': 'returned', '19885': 'draft', '19891': 'missing', '19867': 'approved' });
  });

  it('marks every district and the province stale so the rollups compute their summaries', async () => {
    const stale = await ds.getRepository(RollupState).find();
    const codes = new Set(stale.filter((s) => s.periodId === '2023').map((s) => s.unitCode));
    for (const c of ['46', '474', '476', '477', '478', '479', '480', '481', '482', '483']) expect(codes.has(c)).toBe(true);
  });

  it('is idempotent: seeding again changes nothing', async () => {
    const before = await counts();
    await t.app.get(DemoSeedService).seed();
    expect(await counts()).toEqual(before);
  });
});
