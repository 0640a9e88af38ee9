import { startTestApp, TestApp } from './support/test-app';
import { createUsers, loadProvince46, PASSWORD } from './support/reports-fixtures';
import type { ApiErrorBody } from '../src/common/api-error';

/** The API's error body, with the details these cases read. */
interface ErrorBody extends ApiErrorBody {
  details?: { reason?: string; retryAfter?: number };
}
interface Session {
  accessToken: string;
  mustChangePassword: boolean;
  user: { id: number; username: string; roles: string[]; unitCode: string | null };
}
interface Res<T> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

describe('security: revocation, password policy, login throttling, headers (MariaDB + Redis)', () => {
  let t: TestApp;
  let admin: string;
  const ids: Record<string, number> = {};

  /** Like t.request, from a chosen client address (the login counters are per IP). */
  async function call<T = ErrorBody>(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    opts: { token?: string; body?: unknown; ip?: string; headers?: Record<string, string> } = {},
  ): Promise<Res<T>> {
    const res = await t.app.inject({
      method,
      url,
      remoteAddress: opts.ip ?? '10.0.0.1',
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.headers ?? {}) },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
    let body: unknown = res.body;
    try {
      body = JSON.parse(res.body);
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body: body as T, headers: res.headers };
  }
  const login = (username: string, password = PASSWORD, ip = '10.0.0.1') => call<Session & ErrorBody>('POST', '/api/auth/login', { body: { username, password }, ip });
  async function token(username: string, password = PASSWORD): Promise<string> {
    const r = await login(username, password);
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.accessToken;
  }
  const expectRevoked = (r: Res<ErrorBody>, reason: string) => {
    expect({ status: r.status, error: r.body.error, reason: r.body.details?.reason }).toEqual({ status: 401, error: 'token_revoked', reason });
    expect(r.body.message).toMatch(/đăng nhập lại/);
    expect(r.body.messageEn).toMatch(/log in again/);
  };

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_THROTTLE_LIMIT: '30', LOGIN_IP_FAILURE_LIMIT: '15' });
    await loadProvince46(t.app);
    await createUsers(t.app, [
      ['admin', ['administrator'], null],
      ['admin2', ['administrator'], null],
      ['huyen.477', ['reviewer', 'analyst'], '477'],
      ['huyen.476', ['reviewer', 'analyst'], '476'],
      ['xa.19894', ['officer'], '19894'],
      ['xa.19870', ['officer'], '19870'],
      ['xa.19873', ['officer'], '19873'],
      ['tinh.46', ['analyst'], '46'],
    ]);
    admin = await token('admin');
    const list = await call<{ id: number; username: string }[]>('GET', '/api/users', { token: admin });
    for (const u of list.body) ids[u.username] = u.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a deactivated administrator's token cannot create an administrator on the next request", async () => {
    const old = await token('admin2');
    expect((await call('GET', '/api/users', { token: old })).status).toBe(200);
    expect((await call('PATCH', `/api/users/${ids['admin2']}`, { token: admin, body: { active: false } })).status).toBe(200);
    const create = await call('POST', '/api/users', { token: old, body: { username: 'evil.admin', password: 'a long enough secret', displayName: 'x', roles: ['administrator'] } });
    expectRevoked(create, 'account_inactive');
    expect((await call<{ username: string }[]>('GET', '/api/users', { token: admin })).body.map((u) => u.username)).not.toContain('evil.admin');
    // Reactivated, the old token stays dead (deactivation bumped its version); a new login works.
    expect((await call('PATCH', `/api/users/${ids['admin2']}`, { token: admin, body: { active: true } })).status).toBe(200);
    expectRevoked(await call('GET', '/api/users', { token: old }), 'account_changed');
    expect((await call('GET', '/api/users', { token: await token('admin2') })).status).toBe(200);
  });

  it('the queue dashboard (outside Nest guards) refuses logged-out and deactivated administrators too', async () => {
    const a = await token('admin2');
    const ok = await call('GET', '/api/admin/queues', { token: a });
    expect(ok.status).toBe(200);
    expect(String(ok.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await call('POST', '/api/auth/logout', { token: a })).status).toBe(204);
    expectRevoked(await call('GET', '/api/admin/queues', { token: a }), 'logged_out');

    const b = await token('admin2');
    const cookie = { cookie: `cchc_queues_token=${encodeURIComponent(b)}` };
    expect((await call('GET', '/api/admin/queues', { headers: cookie })).status).toBe(200);
    expect((await call('PATCH', `/api/users/${ids['admin2']}`, { token: admin, body: { active: false } })).status).toBe(200);
    expectRevoked(await call('GET', '/api/admin/queues', { headers: cookie }), 'account_inactive');
    expectRevoked(await call('GET', `/api/admin/queues?token=${encodeURIComponent(b)}`), 'account_inactive');
    expect((await call('PATCH', `/api/users/${ids['admin2']}`, { token: admin, body: { active: true } })).status).toBe(200);
    expect((await call('GET', '/api/admin/queues')).status).toBe(401);
  });

  it('a reviewer moved to another district, or a commune officer made reviewer, loses the old token at once', async () => {
    const reviewer = await token('huyen.477');
    expect((await call('GET', '/api/units/477', { token: reviewer })).status).toBe(200);
    expect((await call('PATCH', `/api/users/${ids['huyen.477']}`, { token: admin, body: { unitCode: '476' } })).status).toBe(200);
    expectRevoked(await call('GET', '/api/units/477', { token: reviewer }), 'account_changed');
    const moved = await token('huyen.477');
    expect((await call('GET', '/api/units/477', { token: moved })).status).toBe(403);
    expect((await call('GET', '/api/units/476', { token: moved })).status).toBe(200);

    const officer = await token('xa.19873');
    expect((await call('GET', '/api/auth/me', { token: officer })).status).toBe(200);
    expect((await call('PATCH', `/api/users/${ids['xa.19873']}`, { token: admin, body: { roles: ['reviewer', 'analyst'], unitCode: '477' } })).status).toBe(200);
    expectRevoked(await call('GET', '/api/auth/me', { token: officer }), 'account_changed');
    const me = await call<{ roles: string[]; unitCode: string }>('GET', '/api/auth/me', { token: await token('xa.19873') });
    expect(me.body).toMatchObject({ roles: ['reviewer', 'analyst'], unitCode: '477' });
  });

  it('logout revokes that token only, on the next request', async () => {
    const a = await token('tinh.46');
    const b = await token('tinh.46');
    expect((await call('POST', '/api/auth/logout', { token: a })).status).toBe(204);
    expectRevoked(await call('GET', '/api/auth/me', { token: a }), 'logged_out');
    expectRevoked(await call('POST', '/api/auth/logout', { token: a }), 'logged_out');
    expect((await call('GET', '/api/auth/me', { token: b })).status).toBe(200);
  });

  it('refuses weak passwords on account creation and reset, with the field and a Vietnamese reason', async () => {
    const weak: [string, string, string][] = [
      ['canbo.quangthai', 'aaaa', 'too_short'],
      ['canbo.quangthai', '          ', 'whitespace_only'],
      ['canbo.quangthai', 'canbo.quangthai', 'contains_username'],
      ['canbo.quangthai', 'CANBO.QUANGTHAI', 'contains_username'],
      ['canbo.quangthai', 'canbo.quangthai2024', 'contains_username'],
      ['canbo.quangthai', '1234567890', 'too_common'],
      ['canbo.quangthai', 'aaaaaaaaaaaa', 'too_simple'],
    ];
    for (const [username, password, reason] of weak) {
      const r = await call('POST', '/api/users', { token: admin, body: { username, password, displayName: 'x', roles: ['officer'], unitCode: '19870' } });
      expect({ password, status: r.status, field: r.body.field, error: r.body.error, reason: r.body.details?.reason }).toEqual({
        password,
        status: 400,
        field: 'password',
        error: 'weak_password',
        reason,
      });
      expect(r.body.message).toMatch(/Mật khẩu/);
    }
    expect((await call<{ username: string }[]>('GET', '/api/users', { token: admin })).body.map((u) => u.username)).not.toContain('canbo.quangthai');
    const reset = await call('PATCH', `/api/users/${ids['xa.19870']}`, { token: admin, body: { password: 'aaaa' } });
    expect([reset.status, reset.body.field]).toEqual([400, 'password']);
    // Refused, so nothing changed: the old password still logs in, without a forced change.
    const still = await login('xa.19870');
    expect([still.status, still.body.mustChangePassword]).toEqual([200, false]);
    const ok = await call('POST', '/api/users', {
      token: admin,
      body: { username: 'canbo.quangthai', password: 'lúa chín vàng đồng', displayName: 'x', roles: ['officer'], unitCode: '19870' },
    });
    expect(ok.status).toBe(201);
  });

  it('change-password needs the current password and the policy; then older tokens die and the new password logs in', async () => {
    const old = await token('xa.19894');
    const missing = await call('POST', '/api/auth/change-password', { token: old, body: { newPassword: 'đồng lúa Quảng Thọ' } });
    expect([missing.status, missing.body.field]).toEqual([400, 'currentPassword']);
    const wrong = await call('POST', '/api/auth/change-password', { token: old, body: { currentPassword: 'not-it-at-all', newPassword: 'đồng lúa Quảng Thọ' } });
    expect([wrong.status, wrong.body.error, wrong.body.field]).toEqual([400, 'wrong_current_password', 'currentPassword']);
    for (const [newPassword, reason] of [
      ['aaaa', 'too_short'],
      ['xa.19894', 'too_short'],
      ['xa.19894-xa.19894', 'contains_username'],
      [PASSWORD, 'same_as_current'],
    ] as const) {
      const r = await call('POST', '/api/auth/change-password', { token: old, body: { currentPassword: PASSWORD, newPassword } });
      expect({ newPassword, status: r.status, field: r.body.field, reason: r.body.details?.reason }).toEqual({ newPassword, status: 400, field: 'newPassword', reason });
    }
    // None of the refusals changed anything.
    expect((await call('GET', '/api/auth/me', { token: old })).status).toBe(200);
    expect((await login('xa.19894')).status).toBe(200);

    const changed = await call<Session>('POST', '/api/auth/change-password', { token: old, body: { currentPassword: PASSWORD, newPassword: 'đồng lúa Quảng Thọ' } });
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);
    expectRevoked(await call('GET', '/api/auth/me', { token: old }), 'account_changed');
    expect((await call('GET', '/api/auth/me', { token: changed.body.accessToken })).status).toBe(200);
    expect((await login('xa.19894')).status).toBe(401);
    expect((await login('xa.19894', 'đồng lúa Quảng Thọ')).status).toBe(200);
  });

  it("after an administrator's reset, the token only allows change-password, logout and me until the owner changes it", async () => {
    const before = await token('huyen.476');
    expect((await call('PATCH', `/api/users/${ids['huyen.476']}`, { token: admin, body: { password: 'tạm thời 2024 ok' } })).status).toBe(200);
    expectRevoked(await call('GET', '/api/units/476', { token: before }), 'account_changed');
    expect((await login('huyen.476')).status).toBe(401);
    const first = await login('huyen.476', 'tạm thời 2024 ok');
    expect([first.status, first.body.mustChangePassword]).toEqual([200, true]);
    const limited = first.body.accessToken;
    const blocked = await call('GET', '/api/units/476', { token: limited });
    expect([blocked.status, blocked.body.error]).toEqual([403, 'password_change_required']);
    expect(blocked.body.message).toMatch(/đổi mật khẩu/);
    const me = await call<{ mustChangePassword: boolean }>('GET', '/api/auth/me', { token: limited });
    expect([me.status, me.body.mustChangePassword]).toEqual([200, true]);
    const changed = await call<Session>('POST', '/api/auth/change-password', { token: limited, body: { currentPassword: 'tạm thời 2024 ok', newPassword: 'sông Hương núi Ngự' } });
    expect([changed.status, changed.body.mustChangePassword]).toEqual([200, false]);
    expect((await call('GET', '/api/units/476', { token: changed.body.accessToken })).status).toBe(200);
    expect((await call<{ mustChangePassword: boolean }>('GET', '/api/auth/me', { token: changed.body.accessToken })).body.mustChangePassword).toBe(false);
    // Logout is allowed in the limited state too.
    await call('PATCH', `/api/users/${ids['huyen.476']}`, { token: admin, body: { password: 'tạm thời lần hai' } });
    const again = await login('huyen.476', 'tạm thời lần hai');
    expect((await call('POST', '/api/auth/logout', { token: again.body.accessToken })).status).toBe(204);
  });

  it('10 failures for one username lock that username only, not a colleague behind the same address', async () => {
    const ip = '10.1.1.1';
    const statuses: number[] = [];
    let locked: Res<ErrorBody> | null = null;
    for (let i = 0; i < 10; i++) {
      const r = await login('xa.19870', `wrong-guess-${i}`, ip);
      statuses.push(r.status);
      if (r.status === 429) locked = r;
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    expect(locked!.body.error).toBe('login_locked');
    expect(Number(locked!.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.stringify(locked!.body)).not.toMatch(/Throttler|Exception/);
    expect(locked!.body.message).toMatch(/thử lại sau/);
    // The colleague from the same office logs in; the locked account cannot, even with its right password.
    expect((await login('tinh.46', PASSWORD, ip)).status).toBe(200);
    expect((await login('xa.19870', PASSWORD, ip)).status).toBe(429);
    expect((await login('xa.19870', PASSWORD, '10.1.1.2')).status).toBe(429);
  });

  it('a successful login resets that username’s count', async () => {
    const ip = '10.2.2.2';
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login('huyen.477', `nope-${i}`, ip)).status);
    statuses.push((await login('huyen.477', PASSWORD, ip)).status);
    for (let i = 0; i < 4; i++) statuses.push((await login('huyen.477', `nope-again-${i}`, ip)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 200, 401, 401, 401, 401]);
  });

  it('an address spraying many usernames is stopped after LOGIN_IP_FAILURE_LIMIT failures; other addresses are not', async () => {
    const ip = '10.3.3.3';
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await login(`nobody.${i}`, 'whatever-it-is', ip)).status);
    expect(statuses).toEqual([...Array(15).fill(401), 429]);
    const blocked = await login('admin', PASSWORD, ip);
    expect([blocked.status, blocked.body.error]).toEqual([429, 'too_many_requests']);
    expect(JSON.stringify(blocked.body)).not.toMatch(/Throttler|Exception/);
    expect((await login('admin', PASSWORD, '10.3.3.4')).status).toBe(200);
  });

  it('the per-address request limit answers in our words, with Retry-After, never "ThrottlerException"', async () => {
    const ip = '10.4.4.4';
    const statuses: number[] = [];
    let last: Res<ErrorBody> | null = null;
    // Empty bodies: refused by validation (400) after the limiter counted them.
    for (let i = 0; i < 31; i++) {
      last = await call('POST', '/api/auth/login', { body: {}, ip });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(30).fill(400), 429]);
    expect(last!.body).toMatchObject({ statusCode: 429, error: 'too_many_requests' });
    expect(last!.body.message).toMatch(/Quá nhiều yêu cầu/);
    expect(JSON.stringify(last!.body)).not.toMatch(/Throttler/);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('sends the security headers on /, /api/health and the docs, whose page runs no inline script', async () => {
    for (const url of ['/', '/api/health', '/api/docs', '/api/auth/me']) {
      const r = await call('GET', url);
      const header = r.headers['content-security-policy'];
      const csp = typeof header === 'string' ? header : '';
      expect({ url, csp }).toEqual({ url, csp: expect.stringContaining("script-src 'self'") });
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).toContain("connect-src 'self'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['strict-transport-security']).toBeDefined();
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toMatch(/<script>/);
    const init = await t.app.inject({ method: 'GET', url: '/api/docs/init.js' });
    expect([init.statusCode, init.body]).toEqual([200, expect.stringContaining('SwaggerUIBundle')]);
  });

  it('audits logins, failures, logouts, password and account changes — never a password', async () => {
    const r = await call<{ action: string; actor: string | null; targetUsername: string; detail: Record<string, unknown> | null }[]>(
      'GET',
      '/api/audit/auth-events?limit=1000',
      { token: admin },
    );
    expect(r.status).toBe(200);
    const has = (action: string, target: string) => r.body.some((e) => e.action === action && e.targetUsername === target);
    expect(has('user_deactivate', 'admin2')).toBe(true);
    expect(has('user_activate', 'admin2')).toBe(true);
    expect(has('user_unit', 'huyen.477')).toBe(true);
    expect(has('user_role', 'xa.19873')).toBe(true);
    expect(has('user_create', 'canbo.quangthai')).toBe(true);
    expect(has('password_reset', 'huyen.476')).toBe(true);
    expect(has('password_change', 'xa.19894')).toBe(true);
    expect(has('logout', 'tinh.46')).toBe(true);
    expect(has('login', 'admin')).toBe(true);
    expect(has('login_failed', 'xa.19870')).toBe(true);
    expect(has('login_blocked', 'xa.19870')).toBe(true);
    const role = r.body.find((e) => e.action === 'user_role' && e.targetUsername === 'xa.19873')!;
    expect(role).toMatchObject({ actor: 'admin', detail: { before: ['officer'], after: ['reviewer', 'analyst'] } });
    const text = JSON.stringify(r.body);
    for (const secret of [PASSWORD, 'đồng lúa Quảng Thọ', 'tạm thời 2024 ok', 'wrong-guess-0', 'lúa chín vàng đồng']) expect(text).not.toContain(secret);
    expect((await call('GET', '/api/audit/auth-events', { token: await token('tinh.46') })).status).toBe(403);
  });
});
