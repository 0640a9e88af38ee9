import { LEGACY_ROLE_MAP, LEGACY_ROLES, serializeRoles } from '@cchc/shared';
import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * An account holds several roles for its one unit. Stored as a canonical comma list in users.roles
 * (not a user_roles table): the set is tiny and fixed by the product, always read with the account
 * (one row per request through the account cache), never joined on; a plain varchar is portable to
 * MySQL and SQLite alike. Each old single role becomes exactly what it could do (shared LEGACY_ROLE_MAP);
 * accounts and their audit trail (auth_events) are kept as they are. The token version is bumped so
 * sessions issued with the old shape log in again and get the new one.
 */
export class UserRoles1765100000000 implements MigrationInterface {
  name = 'UserRoles1765100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn({ name: 'roles', type: 'varchar', length: '64', default: "''" }));
    for (const legacy of LEGACY_ROLES) {
      await q.query('UPDATE users SET roles = ?, token_version = token_version + 1 WHERE role = ?', [serializeRoles(LEGACY_ROLE_MAP[legacy]), legacy]);
    }
    await q.dropColumn('users', 'role');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn({ name: 'role', type: 'varchar', length: '24', default: "'commune_officer'" }));
    // The richest old role a set still fits in; a combination with no old equivalent falls back to the narrowest.
    const back: [string, string][] = [
      ['administrator', 'admin'],
      ['reviewer', 'district_reviewer'],
      ['analyst', 'province_analyst'],
    ];
    for (const [role, legacy] of back) {
      await q.query(`UPDATE users SET role = ? WHERE role = 'commune_officer' AND (roles = ? OR roles LIKE ? OR roles LIKE ?)`, [legacy, role, `${role},%`, `%,${role}%`]);
    }
    await q.dropColumn('users', 'roles');
  }
}
