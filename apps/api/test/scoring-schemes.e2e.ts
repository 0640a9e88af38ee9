import { SCORING_2023, scoreReport, TEMPLATE_2023, type ScoringScheme } from '@cchc/shared';
import { DataSource } from 'typeorm';
import { UnitScoreRow } from '../src/modules/rollups/entities/unit-score.entity';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { createUsers, loadProvince46, openPeriods, PASSWORD, validValues } from './support/reports-fixtures';
import { waitFor } from './support/rollup-fixtures';
import { DATABASE_SHAPES, startTestApp, type TestApp } from './support/test-app';

interface RankingBody {
  schemeVersion: string;
  rows: Array<{ unit: { code: string }; rank: number | null; total: { points: number; max: number; percent: number | null } | null }>;
}
interface ErrorBody { error: string; field?: string; message: string; details?: { issues?: Array<{ code: string | null; field: string; vi: string }> } }

const DISTRICT = '477';
const COMMUNES = ['19867', '19870', '19873'];
const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * A province reweighs its scoring: a draft scheme is previewed on the stored reports (nothing is
 * written), then published, and the next rollup scores with it.
 */
describe.each(DATABASE_SHAPES)('scoring schemes as data ($name)', ({ database, env }) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => ({ token: tok[who] });
  const values: Record<string, Record<string, number>> = {};
  const scores = () => t.app.get(DataSource).getRepository(UnitScoreRow).find({ where: { periodId: '2023' }, order: { unitCode: 'ASC' } });
  const settled = async () => (await t.app.get(DataSource).getRepository(RollupState).count({ where: { periodId: '2023', dirty: true } })) === 0;

  /** The draft: domain D1 weighs ten times as much, so ranks follow the direction scores. */
  const draft = (): ScoringScheme => {
    const s = JSON.parse(JSON.stringify(SCORING_2023)) as ScoringScheme;
    s.version = '2023.3';
    s.title = 'Thử: trọng số chỉ đạo điều hành gấp 10';
    for (const c of s.domains[0].criteria) c.maxPoints *= 10;
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp(env, { database });
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2023']);
    await createUsers(t.app, [
      ['admin', ['administrator'], null],
      ['huyen', ['reviewer', 'analyst'], DISTRICT],
      ...COMMUNES.map((c): [string, ['officer'], string] => [`xa.${c}`, ['officer'], c]),
    ]);
    for (const u of ['admin', 'huyen', ...COMMUNES.map((c) => `xa.${c}`)]) tok[u] = await t.login(u, PASSWORD);
    for (const [i, c] of COMMUNES.entries()) {
      values[c] = { ...validValues(`scheme-${c}`), '1.1.2': [3, 20, 12][i], '1.1.1': 20 };
      expect((await t.request('PUT', `/api/reports/${c}/2023`, { ...as(`xa.${c}`), body: { values: values[c] } })).status).toBe(200);
      expect((await t.request('POST', `/api/reports/${c}/2023/submit`, as(`xa.${c}`))).status).toBe(200);
    }
    for (const c of COMMUNES.slice(0, 2)) expect((await t.request('POST', `/api/reports/${c}/2023/approve`, as('huyen'))).status).toBe(200);
    await waitFor(async () => (await settled()) && (await scores()).filter((r) => r.parentCode === DISTRICT && r.total !== null).length === 2, 'the first rollup');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the built-in scheme is stored and published for 2023.1, and scores the period', async () => {
    const list = await t.request<Array<{ version: string; templateVersion: string; status: string }>>('GET', '/api/scoring-schemes', as('huyen'));
    expect(list.body.map((s) => [s.version, s.templateVersion, s.status])).toEqual([['2023.2', '2023.1', 'published']]);
    const r = await t.request<RankingBody>('GET', `/api/rankings/${DISTRICT}/2023`, as('admin'));
    expect(r.body.schemeVersion).toBe('2023.2');
    expect((await scores()).filter((x) => x.total !== null).every((x) => x.schemeVersion === '2023.2')).toBe(true);
  });

  it('refuses a scheme whose inputs are not rows of its template or whose maxima do not add up (400 naming the criterion)', async () => {
    const bad = draft();
    bad.domains[0].criteria[0].rule = { kind: 'ratio', numerator: '9.9.9', denominator: '1.1.1' };
    const r = await t.request<ErrorBody>('POST', '/api/scoring-schemes', { ...as('admin'), body: bad });
    expect(r.status).toBe(400);
    expect(r.body.details?.issues?.[0]).toMatchObject({ code: 'D1.1', field: 'rule' });
    expect(r.body.message).toContain('Tiêu chí D1.1: chỉ tiêu "9.9.9" không có trong biểu mẫu 2023.1.');
    const sums = { ...draft(), declaredMax: { commune: 100 } };
    const r2 = await t.request<ErrorBody>('POST', '/api/scoring-schemes', { ...as('admin'), body: sums });
    expect(r2.status).toBe(400);
    expect(r2.body.field).toBe('declaredMax.commune');
    const r3 = await t.request<ErrorBody>('POST', '/api/scoring-schemes', { ...as('admin'), body: { ...draft(), templateVersion: '2099.1' } });
    expect(r3.status).toBe(400);
    expect(r3.body.field).toBe('templateVersion');
    expect((await t.request('POST', '/api/scoring-schemes', { ...as('huyen'), body: draft() })).status).toBe(403);
  });

  it('previews a draft on the stored reports: the draft\'s scores, and no unit_scores row changes', async () => {
    const created = await t.request('POST', '/api/scoring-schemes', { ...as('admin'), body: draft() });
    expect(created.status).toBe(201);
    const before = await scores();
    const official = await t.request<RankingBody>('GET', `/api/rankings/${DISTRICT}/2023`, as('admin'));

    const preview = await t.request<RankingBody>('GET', `/api/rankings/${DISTRICT}/2023?scheme=2023.3`, as('admin'));
    expect(preview.status).toBe(200);
    expect(preview.body.schemeVersion).toBe('2023.3');
    for (const c of COMMUNES.slice(0, 2)) {
      const expected = scoreReport(draft(), TEMPLATE_2023, values[c], 'commune');
      const row = preview.body.rows.find((x) => x.unit.code === c)!;
      expect(row.total).toMatchObject({ points: round(expected.total), max: round(expected.max) });
      const officialRow = official.body.rows.find((x) => x.unit.code === c)!;
      expect(row.total!.max).toBeGreaterThan(officialRow.total!.max);
    }
    // Only approved reports count (the default basis), as in the official ranking.
    expect(preview.body.rows.find((x) => x.unit.code === COMMUNES[2])!.total).toBeNull();
    expect(await scores()).toEqual(before);

    // Administrators only; a scheme for another template is refused.
    expect((await t.request('GET', `/api/rankings/${DISTRICT}/2023?scheme=2023.3`, as('huyen'))).status).toBe(403);
    expect((await t.request('GET', `/api/rankings/${DISTRICT}/2023?scheme=nope`, as('admin'))).status).toBe(404);
    expect(await scores()).toEqual(before);
  });

  it('a published scheme is used by the next rollup; a published scheme never changes', async () => {
    const pub = await t.request<{ status: string }>('POST', '/api/scoring-schemes/2023.3/publish', as('admin'));
    expect(pub.status).toBe(200);
    expect((await t.request('DELETE', '/api/scoring-schemes/2023.3', as('admin'))).status).toBe(409);
    expect((await t.request('POST', '/api/scoring-schemes/2023.3/publish', as('admin'))).status).toBe(409);

    // The next change to the district's sources rolls it up again.
    expect((await t.request('POST', `/api/reports/${COMMUNES[2]}/2023/approve`, as('huyen'))).status).toBe(200);
    await waitFor(async () => (await settled()) && (await scores()).filter((r) => r.parentCode === DISTRICT && r.schemeVersion === '2023.3' && r.total !== null).length === 3, 'the rollup with 2023.3');
    const ranking = await t.request<RankingBody>('GET', `/api/rankings/${DISTRICT}/2023`, as('admin'));
    expect(ranking.body.schemeVersion).toBe('2023.3');
    for (const c of COMMUNES) {
      const expected = scoreReport(draft(), TEMPLATE_2023, values[c], 'commune');
      expect(ranking.body.rows.find((x) => x.unit.code === c)!.total).toMatchObject({ points: round(expected.total), max: round(expected.max) });
    }
  });

  it('a period may name its scheme (a published one for its template)', async () => {
    const bad = await t.request<ErrorBody>('PUT', '/api/periods/2023', { ...as('admin'), body: { scoringVersion: '2099.9' } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('scoringVersion');
    const ok = await t.request<{ scoringVersion: string | null }>('PUT', '/api/periods/2023', { ...as('admin'), body: { scoringVersion: '2023.2' } });
    expect(ok.status).toBe(200);
    expect(ok.body.scoringVersion).toBe('2023.2');
    const ranking = await t.request<RankingBody>('GET', `/api/rankings/${DISTRICT}/2023`, as('admin'));
    expect(ranking.body.schemeVersion).toBe('2023.2');
  });
});
