import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/migrations';
import { UsernameNormalForm1765400000000 } from '../src/database/migrations/1765400000000-username-normal-form';
import { User } from '../src/modules/users/entities/user.entity';
import { createUsers, loadProvince46, PASSWORD } from './support/reports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import type { ApiErrorBody } from '../src/common/api-error';

const MINE = MIGRATIONS.indexOf(UsernameNormalForm1765400000000);

describe('usernames are one identity; the last administrator stays (MariaDB)', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: string;
  const threshold = 5;

  const login = (username: string, password: string) =>
    t.request<ApiErrorBody & { accessToken?: string; user?: { id: number; username: string } }>('POST', '/api/auth/login', { body: { username, password } });

  beforeAll(async () => {
    // Only the account counter is under test: the per-address limit must not be what stops the guesses.
    t = await startTestApp({ REDIS_URL: undefined, LOGIN_IP_FAILURE_LIMIT: '100000', LOGIN_USER_FAILURE_THRESHOLD: String(threshold) });
    ds = t.app.get(DataSource);
    await loadProvince46(t.app);
    await createUsers(t.app, [
      ['admin', ['administrator'], null],
      ['xa.19870', ['officer'], '19870'],
      ['xa.19867', ['officer'], '19867'],
      ['huyen.477', ['reviewer', 'analyst'], '477'],
    ]);
    admin = await t.login('admin', PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores the username column with a binary collation, so the database compares the normal form exactly', async () => {
    const [row] = await ds.query<Array<{ c: string }>>(
      "SELECT COLLATION_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users' AND COLUMN_NAME = 'username'",
    );
    expect(row.c).toBe('utf8mb4_bin');
  });

  it('after the lock, no look-alike spelling logs in, and none gets guesses of its own', async () => {
    for (let i = 0; i < 20; i++) expect([401, 429]).toContain((await login('xa.19870', `wrong-${i}`)).status);
    expect((await login('xa.19870', PASSWORD)).status).toBe(429);

    // Spellings that normalize to the account: the same account, the same lock.
    for (const same of ['XA.19870', 'ｘａ.19870', 'xa.19870\u200b', '\u200bxa.19870', ' Xa.19870 ', 'ｘａ．１９８７０', 'x\u00ada.19870']) {
      const r = await login(same, PASSWORD);
      expect([JSON.stringify(same), r.status, r.body.error]).toEqual([JSON.stringify(same), 429, 'login_locked']);
    }
    // Spellings that are another name: no such account, never xa.19870's session.
    for (const other of ['xá.19870', 'Xâ.19870', 'xa\u0301.19870', 'xà.19870', 'xạ.19870']) {
      const r = await login(other, PASSWORD);
      expect([JSON.stringify(other), r.status, r.body.error]).toEqual([JSON.stringify(other), 401, 'invalid_credentials']);
    }
  });

  it('gives an account the threshold of guesses in all, however the guesses rotate through spellings', async () => {
    const variants = ['xa.19867', 'XA.19867', 'ｘａ.19867', 'xa.19867\u200b', 'Xa.19867', 'ｘa.19867', 'xA.19867\u2060', '\ufeffxa.19867', 'XＡ.19867'];
    let guessed = 0;
    for (let round = 0; round < 2; round++) {
      for (const v of variants) {
        const r = await login(v, `not-the-password-${round}`);
        if (r.status === 401) guessed += 1;
        else expect(r.status).toBe(429);
      }
    }
    expect(guessed).toBe(threshold);
  });

  it('creates accounts in the normal form and refuses a look-alike of an existing one', async () => {
    const created = await t.request<{ username: string }>('POST', '/api/users', {
      token: admin,
      body: { username: 'XA.19873', password: 'mat-khau-moi-1', displayName: 'Xã Quảng Phước', roles: ['officer'], unitCode: '19873' },
    });
    expect(created.status).toBe(201);
    expect(created.body.username).toBe('xa.19873');
    for (const username of ['ｘａ.19873', 'xa.19873\u200b', 'Xa.19873']) {
      const r = await t.request<ApiErrorBody>('POST', '/api/users', {
        token: admin,
        body: { username, password: 'mat-khau-moi-2', displayName: 'x', roles: ['officer'], unitCode: '19873' },
      });
      expect([username, r.status, r.body.error]).toEqual([username, 409, 'username_taken']);
    }
    const accented = await t.request<ApiErrorBody>('POST', '/api/users', {
      token: admin,
      body: { username: 'xá.19873', password: 'mat-khau-moi-3', displayName: 'x', roles: ['officer'], unitCode: '19873' },
    });
    expect(accented.status).toBe(400);
    expect(accented.body.field).toBe('username');
    expect(await ds.getRepository(User).count({ where: { unitCode: '19873' } })).toBe(1);
    expect((await login('ＸＡ.19873', 'mat-khau-moi-1')).status).toBe(200);
  });

  it('refuses to deactivate or demote the last active administrator, itself included, with 409 and changes nothing', async () => {
    const me = (await ds.getRepository(User).findOneByOrFail({ username: 'admin' })).id;
    const before = await ds.getRepository(User).findOneByOrFail({ id: me });
    for (const body of [{ active: false }, { roles: ['officer'], unitCode: '19870' }, { roles: ['analyst'], unitCode: '46' }]) {
      const r = await t.request<ApiErrorBody>('PATCH', `/api/users/${me}`, { token: admin, body });
      expect([JSON.stringify(body), r.status, r.body.error]).toEqual([JSON.stringify(body), 409, 'last_administrator']);
      expect(r.body.message).toMatch(/quản trị viên cuối cùng/);
    }
    expect(await ds.getRepository(User).findOneByOrFail({ id: me })).toEqual(before);
    // The token still works: nothing was revoked.
    expect((await t.request('GET', '/api/users', { token: admin })).status).toBe(200);

    // With a second administrator, the first may step down; then the second is the last one.
    const second = await t.request<{ id: number }>('POST', '/api/users', {
      token: admin,
      body: { username: 'admin2', password: 'quan-tri-vien-2', displayName: 'Quản trị 2', roles: ['administrator'] },
    });
    expect(second.status).toBe(201);
    const admin2 = await t.login('admin2', 'quan-tri-vien-2');
    expect((await t.request('PATCH', `/api/users/${me}`, { token: admin, body: { active: false } })).status).toBe(200);
    const last = await t.request<ApiErrorBody>('PATCH', `/api/users/${second.body.id}`, { token: admin2, body: { active: false } });
    expect(last.status).toBe(409);
    expect((await t.request('PATCH', `/api/users/${me}`, { token: admin2, body: { active: true } })).status).toBe(200);
  });

  it('normalizes existing usernames on migration and keeps the accounts', async () => {
    // Back to before the migration, with a name stored in a spelling that is not its normal form.
    for (let i = 0; i < MIGRATIONS.length - MINE; i++) await ds.undoLastMigration();
    await ds.query("UPDATE users SET username = 'HUYEN.477' WHERE username = 'huyen.477'");
    const [{ id }] = await ds.query<Array<{ id: number }>>("SELECT id FROM users WHERE username = 'HUYEN.477'");
    await ds.runMigrations();
    const u = await ds.getRepository(User).findOneByOrFail({ id });
    expect(u.username).toBe('huyen.477');
    expect((await login('Huyen.477', PASSWORD)).status).toBe(200);
  });
});

describe('the username migration stops on accounts that collide once normalized (SQLite, which stored them apart)', () => {
  it('names the colliding accounts and changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-usernames-'));
    const ds = new DataSource({ type: 'better-sqlite3', database: path.join(dir, 'db.sqlite'), migrations: MIGRATIONS.slice(0, MINE), entities: [] });
    try {
      await ds.initialize();
      await ds.runMigrations();
      const insert = "INSERT INTO users (username, password_hash, display_name, roles, active, created_at, token_version, must_change_password) VALUES (?, 'x', 'x', 'officer', 1, '2026-01-01 00:00:00', 0, 0)";
      for (const name of ['xa.19870', 'XA.19870', 'ｘａ.19870', 'tinh.46']) await ds.query(insert, [name]);
      const before = await ds.query('SELECT id, username FROM users ORDER BY id');
      await ds.destroy();
      const next = new DataSource({ type: 'better-sqlite3', database: path.join(dir, 'db.sqlite'), migrations: MIGRATIONS.slice(0, MINE + 1), entities: [] });
      await next.initialize();
      try {
        await expect(next.runMigrations()).rejects.toThrow(/"xa\.19870": #1 "xa\.19870", #2 "XA\.19870", #3 "ｘａ\.19870"/);
        expect(await next.query('SELECT id, username FROM users ORDER BY id')).toEqual(before);
      } finally {
        await next.destroy();
      }
    } finally {
      if (ds.isInitialized) await ds.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
