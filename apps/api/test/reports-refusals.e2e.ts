import { JwtService } from '@nestjs/jwt';
import { startTestApp, TestApp } from './support/test-app';
import { createUsers, loadProvince46, openPeriods, PASSWORD, storedState, validValues } from './support/reports-fixtures';
import type { ApiErrorBody } from '../src/common/api-error';

/** The API's error body, with the details these cases read. */
interface ErrorBody extends ApiErrorBody {
  details?: { findings?: { code: string; rule: string }[]; currentVersion?: number | null; status?: string };
}
interface ReportBody {
  status: string | null;
  version: number;
  values: Record<string, number>;
}

const U = '/api/reports/19894/2023';
const BODY_LIMIT = 65_536;

/** Every refusal of the "Bad input" list: the right status, a readable reason, and nothing stored. */
describe('reports: bad input is refused and changes nothing (MariaDB)', () => {
  let t: TestApp;
  let officer: string;
  let neighbour: string;
  let reviewer: string;
  let admin: string;
  let version: number;
  const unchanged = async (fn: () => Promise<void>) => {
    const before = await storedState(t.app, '19894', '2023');
    await fn();
    expect(await storedState(t.app, '19894', '2023')).toEqual(before);
  };

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: String(BODY_LIMIT) });
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2022', '2023']);
    await createUsers(t.app, [
      ['admin', ['administrator'], null],
      ['huyen.477', ['reviewer', 'analyst'], '477'],
      ['xa.19894', ['officer'], '19894'],
      ['xa.19870', ['officer'], '19870'],
    ]);
    [admin, reviewer, officer, neighbour] = await Promise.all(['admin', 'huyen.477', 'xa.19894', 'xa.19870'].map((u) => t.login(u, PASSWORD)));
    const r = await t.request<ReportBody>('PUT', U, { token: officer, body: { values: validValues('refusals/19894') } });
    expect(r.status).toBe(200);
    version = r.body.version;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('unknown unit → 404, unknown or malformed period → 404', async () => {
    await unchanged(async () => {
      for (const url of ['/api/reports/99999/2023', '/api/reports/abc/2023']) {
        const r = await t.request<ErrorBody>('PUT', url, { token: admin, body: { values: { '1.1.1': 1 } } });
        expect(r.status).toBe(404);
        expect(r.body.field).toBe('unitCode');
        expect((await t.request('GET', url, { token: admin })).status).toBe(404);
      }
      for (const url of ['/api/reports/19894/2024', '/api/reports/19894/2023Q2', '/api/reports/19894/nam-nay']) {
        const r = await t.request<ErrorBody>('PUT', url, { token: officer, body: { values: { '1.1.1': 1 } } });
        expect(r.status).toBe(404);
        expect(r.body.field).toBe('period');
        expect(r.body.message).toMatch(/Kỳ báo cáo/);
        expect((await t.request('GET', url, { token: officer })).status).toBe(404);
        expect((await t.request('POST', `${url}/submit`, { token: officer })).status).toBe(404);
      }
    });
  });

  // Out-of-range numbers (130 %, a negative or fractional count) are no longer refused: a draft keeps
  // them as error findings (reports-deadline-day.e2e.ts). What cannot be stored at all still is.
  it('an indicator not in the template, not a number, beyond the hard limit, a heading → 400 naming the code', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ values: { '9.9.9': 1 } }, '9.9.9', /không có trong biểu mẫu/],
      [{ values: { '1.1.1': 'hai mươi' } }, '1.1.1', /không phải là một số/],
      [{ values: { '1.1.1': true } }, '1.1.1', /số/],
      [{ values: { '1.1.1': 1e308 } }, '1.1.1', /quá lớn/],
      [{ values: { '7.8.3': 1e300 } }, '7.8.3', /quá lớn/],
      [{ values: { '1.1.1': '1e308' } }, '1.1.1', /không phải là một số/],
      [{ values: { '1': 5 } }, '1', /tiêu đề/],
      [{ notes: { '9.9.9': 'x' } }, 'notes.9.9.9', /không có trong biểu mẫu/],
      [{ narrative: { VI: 'x' } }, 'narrative.VI', /I, II, III, IV, V/],
      [{ values: [1, 2] }, 'values', /values/],
      [{ values: { '1.1.1': 1 }, extra: 1 }, 'extra', /extra/],
    ];
    await unchanged(async () => {
      for (const [body, field, reason] of cases) {
        // A valid value sent beside the bad one must not be stored either.
        const b = body.values && !Array.isArray(body.values) ? { ...body, values: { '1.1.2': 0, ...(body.values) } } : body;
        const r = await t.request<ErrorBody>('PUT', U, { token: officer, body: { ...b, version } });
        expect({ field, status: r.status }).toEqual({ field, status: 400 });
        expect(r.body.field).toBe(field);
        expect(r.body.message).toMatch(reason);
        expect(r.body.messageEn).toBeTruthy();
      }
    });
  });

  it('a broken JSON body → 400, a body of another type → 400/415, an oversized body → 413', async () => {
    await unchanged(async () => {
      const bad = await t.request<ErrorBody>('PUT', U, { token: officer, body: '{"values": {"1.1.1": 1', headers: { 'content-type': 'application/json' } });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBeTruthy();
      const text = await t.request<ErrorBody>('PUT', U, { token: officer, body: 'values=1', headers: { 'content-type': 'text/plain' } });
      expect(text.status).toBe(400);
      expect(text.body.messageEn).toBeTruthy();
      const xml = await t.request<ErrorBody>('PUT', U, { token: officer, body: '<values/>', headers: { 'content-type': 'application/xml' } });
      expect(xml.status).toBe(415);
      const big = await t.request<ErrorBody>('PUT', U, { token: officer, body: { version, values: { '1.1.1': 1 }, narrative: { I: 'x'.repeat(BODY_LIMIT) } } });
      expect(big.status).toBe(413);
      expect(big.body.error).toBe('payload_too_large');
    });
  });

  it('a stale version → 409 with the current version, a missing one on an existing report → 400', async () => {
    await unchanged(async () => {
      const r = await t.request<ErrorBody>('PUT', U, { token: officer, body: { version: version - 1 + 5, values: { '1.1.1': 1 } } });
      expect(r.status).toBe(409);
      expect(r.body.error).toBe('stale_version');
      expect(r.body.details!.currentVersion).toBe(version);
      const none = await t.request<ErrorBody>('PUT', U, { token: officer, body: { values: { '1.1.1': 1 } } });
      expect(none.status).toBe(400);
      expect(none.body.field).toBe('version');
      const submit = await t.request<ErrorBody>('POST', `${U}/submit`, { token: officer, body: { version: version + 1 } });
      expect(submit.status).toBe(409);
    });
  });

  it('a transition not allowed from the current state → 409 naming the state', async () => {
    await unchanged(async () => {
      for (const action of ['approve', 'return', 'reopen']) {
        const r = await t.request<ErrorBody>('POST', `${U}/${action}`, { token: reviewer, body: action === 'return' ? { comment: 'x' } : action === 'reopen' ? { reason: 'x' } : {} });
        expect(r.status).toBe(409);
        expect(r.body.error).toBe('invalid_transition');
        expect(r.body.message).toMatch(/Đang soạn/);
        expect(r.body.details!.status).toBe('draft');
      }
      const none = await t.request<ErrorBody>('POST', '/api/reports/19870/2023/submit', { token: neighbour });
      expect(none.status).toBe(409);
      expect(none.body.error).toBe('no_report');
    });
  });

  it("another unit's report → 403 for reading and writing", async () => {
    await unchanged(async () => {
      expect((await t.request<ErrorBody>('GET', U, { token: neighbour })).status).toBe(403);
      const w = await t.request<ErrorBody>('PUT', U, { token: neighbour, body: { version, values: { '1.1.1': 1 } } });
      expect(w.status).toBe(403);
      expect(w.body.message).toMatch(/quyền/);
      expect((await t.request('POST', `${U}/submit`, { token: neighbour })).status).toBe(403);
      expect((await t.request('GET', `${U}/history`, { token: neighbour })).status).toBe(403);
      expect((await t.request('GET', `${U}/diff`, { token: neighbour })).status).toBe(403);
    });
  });

  it('an expired, forged or missing token → 401', async () => {
    const claims = { sub: 3, username: 'xa.19894', displayName: 'x', roles: ['officer'], unitCode: '19894', unitPath: '/46/477/19894/' };
    const expired = new JwtService({ secret: t.config.jwtSecret }).sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 });
    const forged = new JwtService({ secret: 'not-the-secret-not-the-secret-not-the-secret' }).sign(claims, { expiresIn: '1h' });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, roles: ['administrator'], unitPath: null })).toString('base64url')}.`;
    await unchanged(async () => {
      const e = await t.request<ErrorBody>('PUT', U, { token: expired, body: { version, values: { '1.1.1': 1 } } });
      expect(e.status).toBe(401);
      expect(e.body.error).toBe('token_expired');
      for (const token of [forged, unsigned, 'garbage']) {
        const r = await t.request<ErrorBody>('PUT', U, { token, body: { version, values: { '1.1.1': 1 } } });
        expect(r.status).toBe(401);
        expect(r.body.error).toBe('invalid_token');
      }
      expect((await t.request('GET', U)).status).toBe(401);
    });
  });

  it('two concurrent saves of one version: exactly one 200 and one 409, one change stored', async () => {
    const before = await storedState(t.app, '19894', '2023');
    const [a, b] = await Promise.all([
      t.request<ReportBody>('PUT', U, { token: officer, body: { version, values: { '1.1.1': 41 } } }),
      t.request<ReportBody>('PUT', U, { token: officer, body: { version, values: { '1.1.1': 42 } } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 41 : 42;
    const after = await storedState(t.app, '19894', '2023');
    expect(after.report!.version).toBe(version + 1);
    expect(after.values.find((v) => v.indicatorCode === '1.1.1')!.value).toBe(winner);
    expect(after.audit).toBe(before.audit + 1);
    version += 1;
  });

  it('two concurrent first saves of a new report: one creates it, the others are refused and change nothing', async () => {
    const url = '/api/reports/19870/2023';
    const results = await Promise.all([1, 2, 3].map((n) => t.request<ErrorBody>('PUT', url, { token: neighbour, body: { values: { '1.1.1': n } } })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    // A loser that read "no report" before the winner committed meets the new row in its transaction: 409
    // stale_version. One that reads after the commit sends no version for an existing report, which the
    // contract answers with 400 on "version" (test above). Which one happens depends on the scheduling.
    for (const r of results.filter((x) => x.status !== 200)) {
      expect([409, 400]).toContain(r.status);
      if (r.status === 409) expect(r.body.error).toBe('stale_version');
      else expect(r.body.field).toBe('version');
    }
    const s = await storedState(t.app, '19870', '2023');
    expect(s.report!.version).toBe(1);
    expect(s.values).toHaveLength(1);
  });
});
