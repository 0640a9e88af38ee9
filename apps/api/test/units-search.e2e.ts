import { startTestApp, type TestApp } from './support/test-app';
import { createUsers, loadProvince46, PASSWORD } from './support/reports-fixtures';

/** The administrators' unit picker: units found by part of their name or code, namesakes told apart by their parent. */
describe('GET /api/units?q= (unit search)', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: undefined });
    await loadProvince46(t.app);
    await createUsers(t.app, [
      ['quantri', ['administrator'], null],
      ['xa.19894', ['officer'], '19894'],
    ]);
    admin = await t.login('quantri', PASSWORD);
    officer = await t.login('xa.19894', PASSWORD);
  });
  afterAll(() => t.close());

  type Found = { code: string; name: string; level: string; parentName: string | null };

  it('finds a commune by part of its name, with its district', async () => {
    const res = await t.request<Found[]>('GET', `/api/units?q=${encodeURIComponent('Quảng Thọ')}`, { token: admin });
    expect(res.status).toBe(200);
    const hit = res.body.find((u) => u.code === '19894');
    expect(hit).toMatchObject({ code: '19894', level: 'commune' });
    expect(hit!.name).toContain('Quảng Thọ');
    expect(hit!.parentName).toEqual(expect.any(String));
    expect(res.body.every((u) => u.name.includes('Quảng Thọ') || u.code.includes('Quảng Thọ'))).toBe(true);
  });

  it('finds by code, highest levels first, at most 20', async () => {
    const byCode = await t.request<Found[]>('GET', '/api/units?q=1989', { token: admin });
    expect(byCode.status).toBe(200);
    expect(byCode.body.length).toBeGreaterThan(0);
    expect(byCode.body.every((u) => u.code.includes('1989'))).toBe(true);
    const province = await t.request<Found[]>('GET', `/api/units?q=${encodeURIComponent('Huế')}`, { token: admin });
    expect(province.body.length).toBeLessThanOrEqual(20);
    expect(province.body[0]).toMatchObject({ code: '46', level: 'province', parentName: null });
  });

  it('refuses a term under 2 characters (400, field q) and anyone but an administrator (403)', async () => {
    const short = await t.request<{ field: string }>('GET', '/api/units?q=a', { token: admin });
    expect(short.status).toBe(400);
    expect(short.body.field).toBe('q');
    const wildcard = await t.request<Found[]>('GET', '/api/units?q=%25%25', { token: admin });
    expect(wildcard.status).toBe(200);
    expect(wildcard.body).toEqual([]);
    const denied = await t.request('GET', '/api/units?q=Huế', { token: officer });
    expect(denied.status).toBe(403);
  });
});
