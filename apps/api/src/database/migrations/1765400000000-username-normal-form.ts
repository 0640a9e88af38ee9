import { normalizeUsername } from '@cchc/shared';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usernames become one identity each: stored in their normal form (@cchc/shared normalizeUsername:
 * NFKC, invisible characters removed, case folded) and compared byte for byte (utf8mb4_bin on MySQL;
 * SQLite compares binary already). MySQL's utf8mb4_unicode_ci let "xá.19876" and full-width
 * "ｘａ.19876" reach the account "xa.19876", each with a failure counter of its own.
 * Two existing accounts with the same normal form cannot both keep it: the migration stops, changing
 * nothing, and names them, so an administrator renames one and runs it again.
 */
export class UsernameNormalForm1765400000000 implements MigrationInterface {
  name = 'UsernameNormalForm1765400000000';

  public async up(q: QueryRunner): Promise<void> {
    const rows = (await q.query('SELECT id, username FROM users ORDER BY id')) as Array<{ id: number; username: string }>;
    const byForm = new Map<string, Array<{ id: number; username: string }>>();
    for (const r of rows) {
      const form = normalizeUsername(r.username);
      byForm.set(form, [...(byForm.get(form) ?? []), r]);
    }
    const clashes = [...byForm.entries()].filter(([, list]) => list.length > 1);
    if (clashes.length > 0) {
      const list = clashes.map(([form, l]) => `"${form}": ${l.map((u) => `#${u.id} "${u.username}"`).join(', ')}`).join('; ');
      throw new Error(
        `Không thể chuẩn hoá tên đăng nhập: các tài khoản sau trùng nhau khi chuẩn hoá (${list}). ` +
          `Hãy đổi tên một trong mỗi nhóm rồi chạy lại migration. / ` +
          `Cannot normalize usernames: these accounts collide once normalized (${list}). Rename one of each group, then run the migration again.`,
      );
    }
    if (q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb') {
      // MODIFY keeps the rows and the unique index; only the comparison changes.
      await q.query('ALTER TABLE users MODIFY username varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL');
    }
    for (const r of rows) {
      const form = normalizeUsername(r.username);
      // A renamed account logs in again: its tokens carry the old name.
      if (form !== r.username) await q.query('UPDATE users SET username = ?, token_version = token_version + 1 WHERE id = ?', [form, r.id]);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb') {
      await q.query('ALTER TABLE users MODIFY username varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL');
    }
  }
}
