import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, In } from 'typeorm';
import { hasErrors, validateReport, type Template, type TemplateDiff, type UnitLevel } from '@cchc/shared';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { DemoSeedService } from '../src/bootstrap/demo-seed.service';
import { TWO_TIER_REMOVED_ROWS } from '../src/bootstrap/demo-two-tier-form';
import { REPO_ROOT } from '../src/config/config.schema';
import { AuditEntry } from '../src/modules/audit/entities/audit-entry.entity';
import type { HistorySummaryResponseDto } from '../src/modules/figures/current-tree/dto/history-summary.dto';
import type { UnitHistoryResponseDto } from '../src/modules/figures/current-tree/dto/unit-history-response.dto';
import { Period } from '../src/modules/periods/entities/period.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import { Report } from '../src/modules/reports/entities/report.entity';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import type { SummaryResponseDto } from '../src/modules/figures/summaries/dto/summary-response.dto';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import { UnitsLoaderService } from '../src/modules/units/units-loader.service';
import { User } from '../src/modules/users/entities/user.entity';
import { loadProvince46 } from './support/reports-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const tree2025 = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/reference/vn-admin-units-2025.json'), 'utf8')) as {
  provinces: Array<{ code: string; communes: Array<{ code: string }> }>;
};
const HUE = tree2025.provinces.find((p) => p.code === '46')!.communes.map((c) => c.code);

interface Board {
  rowsLevel: string;
  rows: { unitCode: string; status: string; version: number; timeliness: string }[];
}

describe('demo seed, DEMO_TREE=2025: Thành phố Huế two-tier, with the old province as history (MariaDB)', () => {
  let t: TestApp;
  let ds: DataSource;
  const counts = async () => ({
    units: await ds.getRepository(AdminUnit).count(),
    periods: await ds.getRepository(Period).count(),
    users: await ds.getRepository(User).count(),
    reports: await ds.getRepository(Report).count(),
    values: await ds.getRepository(ReportValue).count(),
    audit: await ds.getRepository(AuditEntry).count(),
  });

  beforeAll(async () => {
    // The start-up path itself: the config's default files for the two-tier demo (both trees, the lineage).
    t = await startTestApp({ DEMO_MODE: 'true', DEMO_TREE: '2025', DEMO_PASSWORD: 'demo-pass' });
    ds = t.app.get(DataSource);
    await t.app.get(BootstrapService).prepare();
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('creates admin, tinh.46 and one officer per commune valid today: no district, no account for an old unit', async () => {
    expect(HUE).toHaveLength(40);
    const users = await ds.getRepository(User).find();
    const byName = new Map(users.map((u) => [u.username, u]));
    expect(users.map((u) => u.username).sort()).toEqual(['admin', 'tinh.46', ...HUE.map((c) => `xa.${c}`)].sort());
    expect(byName.get('tinh.46')).toMatchObject({ unitCode: '46', roles: expect.arrayContaining(['officer', 'reviewer', 'analyst']) });
    expect(byName.get('xa.19867')).toMatchObject({ unitCode: '19867', roles: ['officer'], displayName: 'Cán bộ CCHC — Xã Quảng Điền' });
    expect(byName.has('xa.19894')).toBe(false);
    expect(users.some((u) => u.username.startsWith('huyen.'))).toBe(false);
    // The start-up line names only these.
    expect(await t.app.get(DemoSeedService).loginHints()).toEqual(['tinh.46', 'xa.19867', 'admin']);
    await t.login('xa.19867', 'demo-pass');
  });

  it('opens 2025 and 2026 with the regulation windows: the 2026 year report is due 20/12/2026', async () => {
    const periods = await ds.getRepository(Period).find({ where: { id: In(['2025', '2026']) }, order: { id: 'ASC' } });
    expect(periods.map((p) => [p.id, p.startDate, p.endDate, p.deadline])).toEqual([
      ['2025', '2024-12-15', '2025-12-14', '2025-12-20'],
      ['2026', '2025-12-15', '2026-12-14', '2026-12-20'],
    ]);
  });

  it("keeps the old province's 2022–2023 reports on the old tree's units, and files 2025–2026 on the new tree", async () => {
    const path = async (code: string, period: string) => (await ds.getRepository(Report).findOneByOrFail({ unitCode: code, periodId: period })).unitPath;
    expect(await path('19894', '2023')).toBe('/46/477/19894/');
    expect(await path('19867', '2023')).toBe('/46/477/19867/');
    expect(await path('19867', '2025')).toBe('/46/19867/');
    expect(await path('46', '2026')).toBe('/46/');
    // Quảng Thọ's real report is still its 2023 report, with its narrative.
    const qt = await ds.getRepository(Report).findOneByOrFail({ unitCode: '19894', periodId: '2023' });
    expect(qt.narrative?.I).toMatch(/^1\. Về kế hoạch cải cách hành chính/);
  });

  it('seeds a complete 2025 and a 2026 season in progress with every state, all valid per the shared rules', async () => {
    const reports = await ds.getRepository(Report).find({ where: { periodId: In(['2025', '2026']) } });
    const statuses = (period: string) => {
      const out: Record<string, number> = {};
      for (const r of reports.filter((x) => x.periodId === period && x.unitCode !== '46')) out[r.status] = (out[r.status] ?? 0) + 1;
      return out;
    };
    const y25 = statuses('2025');
    expect(Object.values(y25).reduce((a, b) => a + b, 0)).toBe(40);
    expect(y25.approved).toBeGreaterThanOrEqual(34);
    const y26 = statuses('2026');
    for (const s of ['draft', 'submitted', 'returned', 'approved']) expect(y26[s]).toBeGreaterThan(0);
    const filed26 = Object.values(y26).reduce((a, b) => a + b, 0);
    expect(filed26).toBeLessThan(40);
    expect(filed26).toBeGreaterThan(20);
    // The province's own report: 2025 approved, 2026 being drafted.
    expect(reports.filter((r) => r.unitCode === '46').map((r) => [r.periodId, r.status]).sort()).toEqual([['2025', 'approved'], ['2026', 'draft']]);
    // Nothing is dated after the seed's "today" (6/12/2026): the season is in progress, not over.
    const latest = Math.max(...reports.flatMap((r) => [r.submittedAt, r.approvedAt, r.updatedAt].filter((d): d is Date => d !== null).map((d) => d.getTime())));
    expect(new Date(latest).toISOString() < '2026-12-06').toBe(true);

    // Each report is valid on the form its period binds (2025.1), the one the seed made it with.
    const admin = await t.login('admin', 'demo-pass');
    const form = (await t.request<Template>('GET', '/api/templates/2025.1', { token: admin })).body;
    expect(new Set(reports.map((r) => r.templateVersion))).toEqual(new Set(['2025.1']));
    const values = await ds.getRepository(ReportValue).find({ where: { reportId: In(reports.map((r) => r.id)) } });
    const byReport = new Map<number, Record<string, number>>();
    for (const v of values) if (v.value !== null) byReport.set(v.reportId, { ...(byReport.get(v.reportId) ?? {}), [v.indicatorCode]: v.value });
    const invalid = reports
      .filter((r) => {
        const level: UnitLevel = r.unitCode === '46' ? 'province' : 'commune';
        return hasErrors(validateReport(form, byReport.get(r.id) ?? {}, { level, forSubmission: true }));
      })
      .map((r) => `${r.unitCode}/${r.periodId}`);
    expect(invalid).toEqual([]);
    // The province's own report holds its own rows (3.5.1 is the province's alone), the communes' do not.
    const own = reports.find((r) => r.unitCode === '46' && r.periodId === '2025')!;
    expect(Object.keys(byReport.get(own.id)!)).toContain('3.5.1');
    const commune = reports.find((r) => r.unitCode === '19867' && r.periodId === '2025')!;
    expect(Object.keys(byReport.get(commune.id)!)).not.toContain('3.5.1');
  });

  it('reports the two-tier years on 2025.1, derived from 2023.1 without the district rows; the history stays on 2023.1', async () => {
    const admin = await t.login('admin', 'demo-pass');
    const periods = await ds.getRepository(Period).find({ where: { id: In(['2022', '2023', '2025', '2026']) }, order: { id: 'ASC' } });
    expect(periods.map((p) => [p.id, p.templateVersion])).toEqual([
      ['2022', '2023.1'],
      ['2023', '2023.1'],
      ['2025', '2025.1'],
      ['2026', '2025.1'],
    ]);
    const history = await ds.getRepository(Report).find({ where: { periodId: In(['2022', '2023']) }, select: ['templateVersion'] });
    expect(new Set(history.map((r) => r.templateVersion))).toEqual(new Set(['2023.1']));
    const list = await t.request<Array<{ version: string; status: string; year: number }>>('GET', '/api/templates', { token: admin });
    expect(list.body.find((v) => v.version === '2025.1')).toMatchObject({ status: 'published', year: 2025 });

    const diff = await t.request<TemplateDiff>('GET', '/api/templates/2023.1/diff/2025.1', { token: admin });
    expect(diff.status).toBe(200);
    expect(diff.body.added).toEqual([]);
    expect(diff.body.removed.map((r) => r.code).sort()).toEqual([...TWO_TIER_REMOVED_ROWS].sort());
    expect(diff.body.removed.find((r) => r.code === '4.1.1')!.title).toBe('Số cơ quan chuyên môn cấp huyện');
    // The rest of what districts and the province reported is the province's alone; nothing else changed.
    const reassigned = diff.body.changed.map((c) => [c.code, c.changes.map((ch) => [ch.field, ch.from, ch.to])]);
    expect(reassigned).toContainEqual(['5.3.1', [['levels', ['district', 'province'], ['province']]]]);
    expect(reassigned).toContainEqual(['6.1', [['levels', ['district', 'province'], ['province']]]]);
    expect(diff.body.changed.every((c) => c.changes.length === 1 && c.changes[0].field === 'levels' && JSON.stringify(c.changes[0].to) === '["province"]')).toBe(true);
    expect(diff.body.changed.map((c) => c.code).sort()).toEqual(
      ['4.3.1', '4.3.2', '4.3.3', '4.3.4', '5.1.1', '5.1.2', '5.1.3', '5.2.1', '5.2.2', '5.2.4', '5.2.5', '5.3.1', '5.4.3', '6.1', '6.2', '6.3', '6.4', '6.5'].sort(),
    );
    expect(diff.body.rules.removed.sort()).toEqual(['4.1.4.1-le-4.1.4', '6.1+6.2+6.3+6.4-le-4.1.4']);
    // No row of the two-tier form is a district's any more, apart from commune rows' unchanged levels.
    const form = (await t.request<Template>('GET', '/api/templates/2025.1', { token: admin })).body;
    expect(form.nodes.filter((n) => n.levels && n.levels.includes('district') && !n.levels.includes('commune'))).toEqual([]);

    // A commune files the same rows as in 2023.1; the province's own 2025 report has none of the removed rows.
    const own = await ds.getRepository(Report).findOneByOrFail({ unitCode: '46', periodId: '2025' });
    const ownCodes = (await ds.getRepository(ReportValue).find({ where: { reportId: own.id } })).map((v) => v.indicatorCode);
    expect(ownCodes).toEqual(expect.arrayContaining(['5.3.1', '6.1']));
    expect(ownCodes.filter((c) => TWO_TIER_REMOVED_ROWS.includes(c))).toEqual([]);

    // Scored with the scheme derived for 2025.1: a ranking of the 2025 communes carries scores.
    const tinh = await t.login('tinh.46', 'demo-pass');
    let ranking: { schemeVersion?: string; rows?: Array<{ rank: number | null }> } = {};
    for (let i = 0; i < 120; i++) {
      ranking = (await t.request<typeof ranking>('GET', '/api/rankings/46/2025', { token: tinh })).body;
      if ((ranking.rows ?? []).some((r) => r.rank !== null)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(ranking.schemeVersion).toBe('2025.1');
    expect(ranking.rows!.filter((r) => r.rank !== null).length).toBeGreaterThan(30);

    // Comparing 2025 with 2023 across the merger names the rows only one of the two forms has.
    const cmp = await t.request<{ templateVersion: string; previousTemplateVersion: string; indicatorsOnlyCurrent: string[]; indicatorsOnlyPrevious: string[] }>(
      'GET',
      '/api/summaries/46/2025/comparison?with=2023',
      { token: tinh },
    );
    expect(cmp.status).toBe(200);
    expect(cmp.body).toMatchObject({ templateVersion: '2025.1', previousTemplateVersion: '2023.1', indicatorsOnlyCurrent: [] });
    expect(cmp.body.indicatorsOnlyPrevious).toEqual(expect.arrayContaining(['3.5.2', '4.1.1', '4.1.4.2', '7.7.1']));
    expect(cmp.body.indicatorsOnlyPrevious).not.toContain('4.1');
  }, 90_000);

  it("shows tinh.46 its 40 communes' 2026 board, returned ones with the reviewer's comment", async () => {
    const token = await t.login('tinh.46', 'demo-pass');
    const board = await t.request<Board>('GET', '/api/submissions/46/2026', { token });
    expect(board.status).toBe(200);
    expect(board.body.rowsLevel).toBe('commune');
    expect(board.body.rows.map((r) => r.unitCode).sort()).toEqual([...HUE].sort());
    const states = new Set(board.body.rows.map((r) => r.status));
    for (const s of ['missing', 'draft', 'submitted', 'returned', 'approved']) expect(states.has(s)).toBe(true);
    // Two weeks before the deadline: whoever submitted did so on time, nobody is late yet.
    const timeliness = new Set(board.body.rows.map((r) => r.timeliness));
    expect(timeliness.has('on_time')).toBe(true);
    expect(timeliness.has('late')).toBe(false);
    const returned = board.body.rows.find((r) => r.status === 'returned')!;
    expect((await ds.getRepository(Report).findOneByOrFail({ unitCode: returned.unitCode, periodId: '2026' })).returnComment).toMatch(/rà soát lại/);
  });

  it('lets tinh.46 review a submitted commune report: it approves it', async () => {
    const token = await t.login('tinh.46', 'demo-pass');
    const before = await t.request<{ status: string; version: number }>('GET', '/api/reports/19753/2026', { token });
    expect(before.body.status).toBe('submitted');
    const approved = await t.request<{ status: string }>('POST', '/api/reports/19753/2026/approve', { token, body: { version: before.body.version } });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    // A commune officer cannot do the same for another commune.
    const officer = await t.login('xa.19867', 'demo-pass');
    expect((await t.request('POST', '/api/reports/19774/2026/approve', { token: officer, body: {} })).status).toBe(403);
  });

  it('requests the rollups of what it seeded: the province summary of 2025 counts the approved communes', async () => {
    const stale = await ds.getRepository(RollupState).find({ where: { unitCode: '46' } });
    expect(stale.map((s) => s.periodId)).toEqual(expect.arrayContaining(['2022', '2023', '2025', '2026']));
    const token = await t.login('tinh.46', 'demo-pass');
    const approved = await ds.getRepository(Report).count({ where: { periodId: '2025', status: 'approved', unitCode: In(HUE) } });
    let body: SummaryResponseDto | undefined;
    for (let i = 0; i < 120; i++) {
      body = (await t.request<SummaryResponseDto>('GET', '/api/summaries/46/2025', { token })).body;
      if (body.coverage.reported === approved && !body.coverage.stale) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(body!.unit).toMatchObject({ code: '46', name: 'Thành phố Huế' });
    expect(body!.coverage).toMatchObject({ expected: 40, reported: approved });
  }, 90_000);

  it("gives Xã Quảng Điền's 2023 on today's tree the aggregate of its predecessors' approved demo reports", async () => {
    const token = await t.login('tinh.46', 'demo-pass');
    const res = await t.request<HistorySummaryResponseDto>('GET', '/api/summaries/19867/2023?tree=current', { token });
    expect(res.status).toBe(200);
    expect(res.body.unit).toMatchObject({ code: '19867', name: 'Xã Quảng Điền' });
    // The demo's 2023: Sịa, Quảng Phước and Quảng An approved, Quảng Thọ still submitted.
    expect(res.body.history!.predecessors.map((p) => [p.code, p.reported])).toEqual([
      ['19867', true],
      ['19882', true],
      ['19888', true],
      ['19894', false],
    ]);
    expect(res.body.history!.coverage).toMatchObject({ expected: 4, reported: 3, placed: 3 });
    expect(res.body.indicators.find((i) => i.code === '1.1.1')!.summary!.count).toBe(3);
  });

  it("reads a unit's history through the current-tree figure source: the same figures as the summary's ?tree=current, predecessors as the lineage names them", async () => {
    const tinh = await t.login('tinh.46', 'demo-pass');
    for (const [code, period] of [
      ['19867', '2023'],
      ['19867', '2022'],
      ['19900', '2023'],
    ]) {
      const res = await t.request<UnitHistoryResponseDto>('GET', `/api/units/${code}/history?period=${period}`, { token: tinh });
      const summary = await t.request<HistorySummaryResponseDto>('GET', `/api/summaries/${code}/${period}?tree=current`, { token: tinh });
      const lineage = await t.request<{ predecessors: Array<Record<string, unknown>> }>('GET', `/api/units/${code}/lineage`, { token: tinh });
      expect([res.status, summary.status, lineage.status]).toEqual([200, 200, 200]);
      // Computed per request from closed reports: nothing to revalidate.
      expect(res.headers.etag).toBeUndefined();
      expect(res.body.coverage).toEqual(summary.body.history!.coverage);
      expect(res.body.predecessors.map((p) => ({ code: p.code, reported: p.reported, placed: p.placed }))).toEqual(
        summary.body.history!.predecessors.map((p) => ({ code: p.code, reported: p.reported, placed: p.placed })),
      );
      expect(res.body.predecessors.map(({ reported: _r, placed: _p, ...linked }) => linked)).toEqual(lineage.body.predecessors);
      for (const i of summary.body.indicators) {
        if (!i.summary || i.summary.count === 0) continue;
        const { count, sum, headline, min, max } = res.body.indicators[i.code];
        expect([i.code, count, sum, headline, min, max]).toEqual([i.code, i.summary.count, i.summary.sum, i.summary.headline, i.summary.min, i.summary.max]);
      }
      // Counted: the predecessors' approved reports of the period, read from the store.
      const approved = await ds.getRepository(Report).count({ where: { periodId: period, status: 'approved', unitCode: In(res.body.predecessors.map((p) => p.code)) } });
      expect(res.body.coverage.placed).toBe(approved);
    }
    // A province has no old unit of its own (the lineage links communes): an empty history, not an error.
    const province = await t.request<UnitHistoryResponseDto>('GET', '/api/units/46/history?period=2023', { token: tinh });
    expect([province.status, province.body.coverage, province.body.predecessors, province.body.indicators]).toEqual([200, { expected: 0, reported: 0, placed: 0 }, [], {}]);
    const refused = async (url: string, token: string | undefined) => {
      const r = await t.request<{ field?: string }>('GET', url, { token });
      return [r.status, r.body.field ?? null];
    };
    const xa = await t.login('xa.19867', 'demo-pass');
    expect(await refused('/api/units/477/history?period=2023', tinh)).toEqual([400, 'periodId']);
    expect(await refused('/api/units/19867/history?period=2025', tinh)).toEqual([400, 'periodId']);
    expect(await refused('/api/units/19867/history?period=1999', tinh)).toEqual([404, 'periodId']);
    expect(await refused('/api/units/19867/history', tinh)).toEqual([400, 'period']);
    expect(await refused('/api/units/99999/history?period=2023', tinh)).toEqual([404, 'unitCode']);
    expect(await refused('/api/units/19900/history?period=2023', xa)).toEqual([403, null]);
    expect(await refused('/api/units/19867/history?period=2023', undefined)).toEqual([401, null]);
  });

  it('opens a demo PAR round for Thành phố Huế in its finalisation stage, every sheet state present, on a set labelled a demo', async () => {
    const admin = await t.login('admin', 'demo-pass');
    const rounds = await t.request<Array<{ id: number; stage: string; demo: boolean; participants: number; sheetsByStatus: Record<string, number>; lockedStages: string[] }>>('GET', '/api/par/rounds', { token: admin });
    expect(rounds.status).toBe(200);
    expect(rounds.body).toHaveLength(1);
    const round = rounds.body[0];
    expect(round).toMatchObject({ stage: 'finalisation', demo: true, participants: 40, lockedStages: ['self_assessment', 'appraisal_1', 'explanation', 'appraisal_2'] });
    expect(Object.keys(round.sheetsByStatus).sort()).toEqual(['appraised', 'draft', 'explained', 'explaining', 'final', 'reappraised', 'submitted']);
    const set = await t.request<{ document: { domains: unknown[] }; title: string }>('GET', '/api/par/criteria-sets/demo-hn-5666', { token: admin });
    expect(set.body.document.domains).toHaveLength(8);
    expect(set.body.title).toContain('MINH HỌA');
    // The province's reviewer sees a sheet with suggestions from the approved 2025 report and evidence it can download.
    const tinh = await t.login('tinh.46', 'demo-pass');
    const first = HUE[0];
    const sheet = await t.request<{ status: string; rows: Array<{ code: string; suggestion: unknown; evidence: Array<{ id: number }> }> }>('GET', `/api/par/rounds/${round.id}/sheets/${first}`, { token: tinh });
    expect(sheet.status).toBe(200);
    expect(sheet.body.rows.some((r) => r.suggestion !== null)).toBe(true);
    const ev = sheet.body.rows.flatMap((r) => r.evidence)[0];
    const file = await t.request('GET', `/api/par/rounds/${round.id}/sheets/${first}/evidence/${ev.id}`, { token: tinh });
    expect([file.status, file.raw.subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    const results = await t.request<{ units: unknown[] }>('GET', `/api/par/rounds/${round.id}/results`, { token: tinh });
    expect(results.body.units).toHaveLength(40);
  });

  it('is idempotent: seeding again changes nothing', async () => {
    const before = await counts();
    await t.app.get(BootstrapService).prepare();
    await t.app.get(DemoSeedService).seed();
    expect(await counts()).toEqual(before);
  });
});

/** Only Huế's rows of both trees: the seed's choices, without 14,000 units to load. */
async function loadHueOfBothTrees(app: TestApp['app']): Promise<void> {
  for (const year of ['2024', '2025']) {
    const file = path.join(REPO_ROOT, `data/reference/vn-admin-units-${year}.json`);
    const rows = UnitsLoaderService.flatten(JSON.parse(fs.readFileSync(file, 'utf8')) as Parameters<typeof UnitsLoaderService.flatten>[0]);
    await app.get(UnitsLoaderService).load(rows.filter((r) => r.path.startsWith('/46/')));
  }
}

describe('demo seed on a database holding the other tree (MariaDB)', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('DEMO_TREE=2024 with both trees loaded: history seeded, accounts for the units valid today, each once (no duplicate xa.19753)', async () => {
    t = await startTestApp({ DEMO_TREE: '2024' });
    await loadHueOfBothTrees(t.app);
    await t.app.get(DemoSeedService).seed();
    const ds = t.app.get(DataSource);
    const names = (await ds.getRepository(User).find()).map((u) => u.username).sort();
    expect(names).toEqual(['admin', 'tinh.46', ...HUE.map((c) => `xa.${c}`)].sort());
    // The start-up line does not invite xa.19894 or huyen.477: they do not exist here.
    expect(await t.app.get(DemoSeedService).loginHints()).toEqual(['tinh.46', 'admin']);
    expect(await ds.getRepository(Report).count({ where: { periodId: '2023' } })).toBeGreaterThan(100);
    expect(await ds.getRepository(Report).count({ where: { periodId: In(['2025', '2026']) } })).toBe(0);
  });

  it('DEMO_TREE=2025 on a database started with the 2024 tree only: refused with one line saying what to do, nothing written', async () => {
    t = await startTestApp({ DEMO_TREE: '2025' });
    await loadProvince46(t.app);
    await expect(t.app.get(DemoSeedService).seed()).rejects.toThrow(/^DEMO_TREE=2025: this database holds no 2025 unit tree .*use a new database \(SQLITE_PATH or DATABASE_URL\), or DEMO_TREE=2024$/);
    const ds = t.app.get(DataSource);
    expect(await ds.getRepository(User).count()).toBe(0);
    expect(await ds.getRepository(Report).count()).toBe(0);
  });
});
