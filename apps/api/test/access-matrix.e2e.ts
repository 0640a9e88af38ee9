import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { decideAccess, allowedWhilePasswordPending, ROUTE_ACCESS, type AccessTarget, type Role, type UnitRelation } from '@cchc/shared';
import { RouteAccessAuditor } from '../src/common/auth/route-access.auditor';
import type { AccessSpec } from '../src/common/auth/auth.decorators';
import { buildOpenApiDocument } from '../src/app.factory';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import { User } from '../src/modules/users/entities/user.entity';
import { insertReport, loadProvinces, openPeriods, syntheticValues } from './exports-fixtures';
import { createUsers, PASSWORD } from './support/reports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The access matrix: every route of the OpenAPI document × every account fixture (each role around one
 * commune: own unit, sibling, parent, child, other province) × the units a route can name, asserting the
 * shared policy's answer; then bad tokens on every route. One app on MariaDB + Redis, seeded once.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const ACCOUNTS: Array<[string, Role[], string | null]> = [
  ['admin', ['administrator'], null],
  ['xa.19885', ['officer'], '19885'],
  ['huyen.477.officer', ['officer'], '477'],
  ['huyen.477', ['reviewer', 'analyst'], '477'],
  ['huyen.477.reviewer', ['reviewer'], '477'],
  ['tinh.46.officer', ['officer'], '46'],
  ['tinh.46.reviewer', ['reviewer'], '46'],
  ['tinh.46', ['analyst'], '46'],
  ['tinh.48', ['analyst', 'officer', 'reviewer'], '48'],
  // An administrator reset its password: only the session's own actions until it changes it.
  ['xa.19885.pending', ['officer'], '19885'],
];
/** 19885 Xã Quảng Vinh and its sibling 19882 in 477 Huyện Quảng Điền, the sibling district 476, the province, another province's commune. */
const UNIT_CODES = ['19885', '19882', '477', '476', '46'];
const PERIOD = '2023';
const IMPORT_CSV = 'Mã đơn vị,1.1.1\n19885,77\n';

/** Request bodies that would change something if the guard let them through. */
const BODIES: Record<string, { body?: unknown; type?: string }> = {
  'PUT /api/reports/{unitCode}/{period}': { body: { values: { '1.1.1': 77 } } },
  'POST /api/reports/{unitCode}/{period}/return': { body: { comment: 'Trả lại để kiểm tra quyền.' } },
  'POST /api/reports/{unitCode}/{period}/reopen': { body: { comment: 'Mở lại để kiểm tra quyền.' } },
  'POST /api/imports/{unitCode}/{period}': { body: IMPORT_CSV, type: 'text/csv' },
  'POST /api/users': { body: { username: `matrix.${randomUUID().slice(0, 8)}`, password: 'một mật khẩu đủ dài', displayName: 'x', roles: ['administrator'] } },
  'PATCH /api/users/{id}': { body: { active: false } },
  'PUT /api/periods/{id}': { body: { deadline: '2030-01-01' } },
};

interface Res {
  status: number;
  body: { error?: string };
}

describe('access matrix: every route × every role fixture, from the OpenAPI document (MariaDB + Redis)', () => {
  let t: TestApp;
  let ds: DataSource;
  const tokens = new Map<string, string>();
  const users = new Map<string, User>();
  const units = new Map<string, AdminUnit>();
  let otherCommune: AdminUnit;
  let declared: Map<string, AccessSpec | 'public'>;
  let operations: Array<{ route: string; method: Method; path: string }>;

  const call = async (method: Method, url: string, token: string | undefined, route: string): Promise<Res> => {
    const b = BODIES[route] ?? {};
    const r = await t.request<Res['body']>(method, url, {
      token,
      ...(method === 'GET' ? {} : { body: b.body ?? {}, headers: { 'content-type': b.type ?? 'application/json' } }),
    });
    return { status: r.status, body: r.body };
  };

  /** Everything a refused write could have touched. */
  const fingerprint = async () => {
    const [row] = await ds.query<Record<string, string | number>[]>(
      `SELECT (SELECT COUNT(*) FROM reports) AS reports, (SELECT COALESCE(SUM(version), 0) FROM reports) AS versions,
              (SELECT COUNT(*) FROM report_values) AS vals, (SELECT COALESCE(SUM(value), 0) FROM report_values) AS total,
              (SELECT COUNT(*) FROM audit_log) AS audit, (SELECT COUNT(*) FROM users) AS users,
              (SELECT COALESCE(SUM(token_version), 0) FROM users) AS tv, (SELECT COUNT(*) FROM periods) AS periods,
              (SELECT COUNT(*) FROM report_snapshots) AS snapshots, (SELECT COUNT(*) FROM rollup_state) AS rollups`,
    );
    return JSON.stringify(row);
  };

  /** The URL for a route with its unit parameter set to `unitCode`, and the other parameters to real values. */
  const urlOf = (path: string, unitParam: string | undefined, unitCode: string): string =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === unitParam) return unitCode;
      if (name === 'period') return PERIOD;
      if (name === 'file') return path.includes('/exports/report/') ? `${PERIOD}.xlsx` : `${PERIOD}.csv`;
      if (name === 'version') return path.startsWith('/api/par') ? 'PAR-none' : '2023.1';
      if (name === 'roundId') return '999999';
      if (name === 'a' || name === 'b') return '2023.1';
      if (name === 'id') return path.startsWith('/api/users') ? String(users.get('matrix.victim')!.id) : path.startsWith('/api/par') ? '1' : PERIOD;
      if (name === 'unitCode' || name === 'code') return '19885';
      throw new Error(`the matrix has no value for {${name}} in ${path}: give it one`);
    });

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    await loadProvinces(t, ['46', '48']);
    await openPeriods(t, [PERIOD]);
    // The account PATCH /api/users/{id} deactivates when an administrator is let through.
    await createUsers(t.app, [...ACCOUNTS, ['matrix.victim', ['officer'], '19882']]);
    for (const u of await ds.getRepository(User).find()) users.set(u.username, u);
    for (const code of UNIT_CODES) units.set(code, await ds.getRepository(AdminUnit).findOneByOrFail({ code }));
    otherCommune = (await ds.getRepository(AdminUnit).findOne({ where: { level: 'commune', parentCode: (await ds.getRepository(AdminUnit).findOneByOrFail({ parentCode: '48' })).code } }))!;
    units.set(otherCommune.code, otherCommune);
    await insertReport(t, '19885', PERIOD, 'draft', { ...syntheticValues(1), '1.1.1': 18 });
    await insertReport(t, '19882', PERIOD, 'submitted', syntheticValues(2));
    await insertReport(t, '477', PERIOD, 'draft', {});
    for (const [username] of ACCOUNTS) tokens.set(username, await t.login(username, PASSWORD));
    await ds.getRepository(User).update({ username: 'xa.19885.pending' }, { mustChangePassword: true });
    users.get('xa.19885.pending')!.mustChangePassword = true;

    declared = new Map(t.app.get(RouteAccessAuditor).routes().map((r) => [r.route, r.access!] as const));
    const doc = buildOpenApiDocument(t.app);
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((m) => ({ route: `${m.toUpperCase()} ${path}`, method: m.toUpperCase() as Method, path })),
    );
  });
  afterAll(() => t?.close());

  it('the OpenAPI document, the routes’ decorators and the shared policy’s route list name the same routes and actions', () => {
    const fromDoc = operations.map((o) => o.route).sort();
    expect(fromDoc).toEqual(Object.keys(ROUTE_ACCESS).sort());
    expect([...declared.keys()].sort()).toEqual(fromDoc);
    for (const [route, action] of Object.entries(ROUTE_ACCESS)) {
      const spec = declared.get(route)!;
      expect([route, spec === 'public' ? 'public' : spec.action]).toEqual([route, action]);
    }
  });

  it('answers every route × account × unit as the policy says, and a refused write changes nothing', async () => {
    const seen = new Set<UnitRelation>();
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const spec = declared.get(op.route)!;
      if (spec === 'public' || op.route === 'POST /api/auth/logout') continue; // public: below; logout revokes the token it is sent with: below
      const targets: Array<{ code: string; target: AccessTarget }> = !spec.unit
        ? [{ code: '', target: null }]
        : [
            ...[...units.values()].map((u) => ({ code: u.code, target: u })),
            ...(spec.national ? [{ code: 'VN', target: 'national' as const }] : []),
          ];
      for (const [username] of ACCOUNTS) {
        const user = users.get(username)!;
        const own = user.unitCode ? (units.get(user.unitCode) ?? (await unitOf(user.unitCode))) : null;
        const subject = { roles: user.roles, unitCode: user.unitCode, unitPath: own?.path ?? null, unitLevel: own?.level ?? null };
        for (const { code, target } of targets) {
          const decision = decideAccess(subject, spec.action, target);
          seen.add(decision.relation);
          // The import's file names 19885: its row needs report.write there too, whatever the URL's unit.
          const rowDenied = op.route === 'POST /api/imports/{unitCode}/{period}' && decision.allowed && !decideAccess(subject, 'report.write', units.get('19885')!).allowed;
          const pending = user.mustChangePassword && !allowedWhilePasswordPending(spec.action);
          const before = op.method !== 'GET' && (!decision.allowed || pending || rowDenied) ? await fingerprint() : null;
          const r = await call(op.method, urlOf(op.path, spec.unit, code), tokens.get(username), op.route);
          checked += 1;
          const line = `${op.route} as ${username} on ${code || '-'} (${decision.relation}): ${r.status} ${r.body.error ?? ''}`;
          if (pending) {
            if (r.status !== 403 || r.body.error !== 'password_change_required') wrong.push(`${line}, expected 403 password_change_required`);
          } else if (rowDenied) {
            if (r.status !== 403 || r.body.error !== 'import_forbidden_rows') wrong.push(`${line}, expected 403 import_forbidden_rows`);
          } else if (decision.allowed) {
            if (r.status === 401 || r.status === 403) wrong.push(`${line}, expected allowed`);
          } else {
            const error = decision.reason === 'scope' ? 'forbidden' : 'forbidden_role';
            if (r.status !== 403 || r.body.error !== error) wrong.push(`${line}, expected 403 ${error}`);
          }
          if (before !== null && (await fingerprint()) !== before) wrong.push(`${line}: a refused write changed data`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect([...seen].sort()).toEqual(['child', 'descendant', 'national', 'none', 'outside', 'own']);
    expect(checked).toBeGreaterThan(1000);
  });

  it('every account may log out its own session (and only that token stops working)', async () => {
    for (const [username] of ACCOUNTS) {
      const fresh = await t.login(username, PASSWORD);
      expect([username, (await call('POST', '/api/auth/logout', fresh, 'POST /api/auth/logout')).status]).toEqual([username, 204]);
      expect([username, (await call('GET', '/api/auth/me', fresh, 'GET /api/auth/me')).status]).toEqual([username, 401]);
    }
    expect((await call('GET', '/api/auth/me', tokens.get('xa.19885'), 'GET /api/auth/me')).status).toBe(200);
  });

  it('refuses every non-public route with no token, a malformed, expired, forged, unsigned or logged-out token (401), and changes nothing', async () => {
    const admin = users.get('admin')!;
    const claims = { sub: admin.id, tv: admin.tokenVersion, jti: randomUUID() };
    const secret = t.config.jwtSecret;
    const loggedOut = await t.login('admin', PASSWORD);
    expect((await call('POST', '/api/auth/logout', loggedOut, 'POST /api/auth/logout')).status).toBe(204);
    const bad: Record<string, string | undefined> = {
      none: undefined,
      malformed: 'not.a.token',
      expired: jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, secret),
      forged: jwt.sign(claims, 'another-secret-another-secret-another-0123', { expiresIn: 600 }),
      unsigned: `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url')}.`,
      'logged out': loggedOut,
    };
    const wrong: string[] = [];
    const before = await fingerprint();
    for (const op of operations) {
      const spec = declared.get(op.route)!;
      const url = urlOf(op.path, spec === 'public' ? undefined : spec.unit, '19885');
      for (const [kind, token] of Object.entries(bad)) {
        const r = await call(op.method, url, token, op.route);
        if (spec === 'public' ? r.status === 401 : r.status !== 401) wrong.push(`${op.route} with a ${kind} token: ${r.status}`);
      }
    }
    expect(wrong).toEqual([]);
    // Login and health may write their own trail (a failed login is audited); reports, values, users and periods stay.
    expect(await fingerprint()).toBe(before);
  });

  function unitOf(code: string): Promise<AdminUnit> {
    return ds.getRepository(AdminUnit).findOneByOrFail({ code });
  }
});
