import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { checkPassword } from '@cchc/shared';
import * as bcrypt from 'bcryptjs';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isMysql, writeTransaction } from '../../database/write-transaction';
import { ApiError, badRequest, conflict, notFound } from '../../common/api-error';
import { AuthEventsService } from '../audit/auth-events.service';
import { UnitsService } from '../units/units.service';
import { AccountStateService } from './account-state.service';
import { isRole, isValidUsername, LEVEL_NAME_VI, normalizeRoles, normalizeUsername, parseRoles, roleBindingProblem, serializeRoles } from '@cchc/shared';
import { Role, User } from './entities/user.entity';

/** Who made a change, and from where: for the trail. Null for the CLI and start-up seeding. */
export interface ChangeContext {
  actor: { id: number; username: string } | null;
  ip: string | null;
}
const SYSTEM: ChangeContext = { actor: null, ip: null };

/** 400 with the policy's reason when a new password is refused (ASVS L2, see @cchc/shared checkPassword). */
export function assertPasswordPolicy(password: string, username: string, field = 'password'): void {
  const problem = checkPassword(password, { username });
  if (problem) {
    throw new ApiError(HttpStatus.BAD_REQUEST, 'weak_password', problem.message, problem.messageEn, field, { reason: problem.code });
  }
}

export interface NewUser {
  username: string;
  password?: string;
  passwordHash?: string;
  displayName: string;
  roles: Role[];
  unitCode: string | null;
  email?: string | null;
  emailNotices?: boolean;
  locale?: 'vi' | 'en';
}

export const BCRYPT_ROUNDS = 10;

/**
 * The system always keeps an active administrator: only an administrator can create accounts, reset
 * passwords or undo a mistaken deactivation, so losing the last one locks everyone out for good.
 * The active administrators' rows are locked (MySQL) while this is checked and the change saved, so two
 * administrators deactivating each other at once cannot both succeed; SQLite runs one write at a time.
 */
async function assertAnotherAdministrator(em: EntityManager, losing: number): Promise<void> {
  const lock = isMysql(em) ? ' FOR UPDATE' : '';
  const rows = await em.query<Array<{ id: number; roles: string | null }>>(`SELECT id, roles FROM users WHERE active = 1 AND roles LIKE ?${lock}`, ['%administrator%']);
  const others = rows.filter((r) => Number(r.id) !== losing && parseRoles(r.roles).includes('administrator'));
  if (others.length === 0) {
    throw conflict(
      'last_administrator',
      'Không thể khoá hoặc bỏ quyền quản trị của quản trị viên cuối cùng đang hoạt động: hệ thống phải luôn còn ít nhất một quản trị viên. Hãy tạo hoặc kích hoạt một quản trị viên khác trước.',
      'The last active administrator cannot be deactivated or lose the administrator role: the system must keep at least one. Create or activate another administrator first.',
      { field: 'id' },
    );
  }
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly state: AccountStateService,
    private readonly events: AuthEventsService,
  ) {}

  findById(id: number): Promise<User | null> {
    return this.users.findOne({ where: { id } });
  }

  /** The account whose (normalized, binary-compared) username is this spelling's normal form. */
  findByUsername(username: string): Promise<User | null> {
    const key = normalizeUsername(username);
    return key ? this.users.findOne({ where: { username: key } }) : Promise.resolve(null);
  }

  static hash(password: string): Promise<string> {
    return bcrypt.hash(password, BCRYPT_ROUNDS);
  }

  static verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  /**
   * The roles exist and fit the unit (shared roleBindingProblem: officer/reviewer/analyst need a unit,
   * a commune cannot review); returns the canonical roles and the unit code to store (null for administrators).
   */
  private async checkBinding(roles: readonly unknown[], unitCode: string | null): Promise<{ roles: Role[]; unitCode: string | null }> {
    if (!Array.isArray(roles) || roles.some((r) => !isRole(r))) throw badRequest('roles', 'Vai trò không hợp lệ.', 'Unknown role.');
    const wanted = normalizeRoles(roles as Role[]);
    const unit = unitCode ? await this.units.findByCode(unitCode) : null;
    if (unitCode && !unit) throw badRequest('unitCode', 'Không tìm thấy đơn vị.', 'Unknown unit.');
    const problem = roleBindingProblem(wanted, unit?.level ?? null, unit ? LEVEL_NAME_VI[unit.level].replace(/^c/, 'C') : undefined);
    if (problem) throw badRequest(problem.field, problem.vi, problem.en);
    return { roles: wanted, unitCode: unit?.code ?? null };
  }

  async list(filter: { unitCode?: string; role?: Role } = {}): Promise<User[]> {
    const where: { unitCode?: string } = {};
    if (filter.unitCode) where.unitCode = filter.unitCode;
    const all = await this.users.find({ where, order: { username: 'ASC' } });
    // A comma list is not queried by SQL: the filter applies to the parsed roles.
    return filter.role ? all.filter((u) => u.roles.includes(filter.role!)) : all;
  }

  /**
   * Administrator's change of an account: name, role and unit (checked together), active flag, password reset.
   * Deactivation, a role or unit change and a reset bump the token version, so tokens already issued stop at once;
   * a reset also forces the owner to choose their own password at the next login.
   */
  async update(
    id: number,
    patch: { displayName?: string; roles?: Role[]; unitCode?: string | null; active?: boolean; password?: string; email?: string | null; emailNotices?: boolean; locale?: 'vi' | 'en' },
    ctx: ChangeContext = SYSTEM,
  ): Promise<User> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw notFound(`Không tìm thấy tài khoản #${id}.`, `No user #${id}.`, 'id');
    const before = { displayName: user.displayName, roles: serializeRoles(user.roles), unitCode: user.unitCode, active: user.active };
    if (patch.roles !== undefined || patch.unitCode !== undefined) {
      const bound = await this.checkBinding(patch.roles ?? user.roles, patch.unitCode !== undefined ? patch.unitCode : user.unitCode);
      user.roles = bound.roles;
      user.unitCode = bound.unitCode;
    }
    if (patch.displayName !== undefined) user.displayName = patch.displayName;
    if (patch.active !== undefined) user.active = patch.active;
    if (patch.email !== undefined) user.email = patch.email?.trim() || null;
    if (patch.emailNotices !== undefined) user.emailNotices = patch.emailNotices;
    if (patch.locale !== undefined) user.locale = patch.locale;
    if (patch.password !== undefined) {
      assertPasswordPolicy(patch.password, user.username);
      user.passwordHash = await UsersService.hash(patch.password);
      user.mustChangePassword = true;
      user.passwordChangedAt = new Date();
    }
    const revoke =
      serializeRoles(user.roles) !== before.roles || user.unitCode !== before.unitCode || (before.active && !user.active) || patch.password !== undefined;
    if (revoke) user.tokenVersion += 1;
    const losesAdmin = before.active && parseRoles(before.roles).includes('administrator') && (!user.active || !user.roles.includes('administrator'));
    const saved = losesAdmin
      ? await writeTransaction(this.dataSource, async (em) => {
          await assertAnotherAdministrator(em, id);
          return em.getRepository(User).save(user);
        })
      : await this.users.save(user, { transaction: false }); // one row; see serialize-sqlite-transactions.ts
    this.state.invalidate(id);

    const target = { id: user.id, username: user.username };
    const event = (action: Parameters<AuthEventsService['record']>[0]['action'], detail: Record<string, unknown>) =>
      this.events.record({ action, actor: ctx.actor, target, ip: ctx.ip, detail });
    if (serializeRoles(user.roles) !== before.roles) await event('user_role', { before: parseRoles(before.roles), after: user.roles });
    if (user.unitCode !== before.unitCode) await event('user_unit', { before: before.unitCode, after: user.unitCode });
    if (before.active !== user.active) await event(user.active ? 'user_activate' : 'user_deactivate', {});
    if (user.displayName !== before.displayName) await event('user_update', { displayName: { before: before.displayName, after: user.displayName } });
    if (patch.password !== undefined) await event('password_reset', { mustChangePassword: true });
    return saved;
  }

  /** The owner's own change (current password already verified by the caller): clears a forced change, revokes older tokens. */
  async setOwnPassword(user: User, newPassword: string, ctx: ChangeContext): Promise<User> {
    assertPasswordPolicy(newPassword, user.username, 'newPassword');
    if (await UsersService.verify(newPassword, user.passwordHash)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'weak_password', 'Mật khẩu mới phải khác mật khẩu hiện tại.', 'The new password must differ from the current one.', 'newPassword', { reason: 'same_as_current' });
    }
    user.passwordHash = await UsersService.hash(newPassword);
    user.mustChangePassword = false;
    user.passwordChangedAt = new Date();
    user.tokenVersion += 1;
    const saved = await this.users.save(user, { transaction: false });
    this.state.invalidate(user.id);
    await this.events.record({ action: 'password_change', actor: ctx.actor, target: { id: user.id, username: user.username }, ip: ctx.ip });
    return saved;
  }

  /**
   * A new account. A plain password must pass the policy (API and `admin:create` alike); only seeding code
   * that hashes its own (demo data, test fixtures) passes `passwordHash`.
   */
  async create(input: NewUser, ctx: ChangeContext = SYSTEM): Promise<User> {
    // Stored in its one normal form, so login by any look-alike spelling finds this account and no other.
    const username = normalizeUsername(input.username);
    if (!isValidUsername(username)) {
      throw badRequest('username', 'Tên đăng nhập 3–64 ký tự: chữ không dấu, số, dấu chấm, gạch.', 'Username: 3–64 unaccented letters, digits, dot, dash, underscore.');
    }
    const bound = await this.checkBinding(input.roles, input.unitCode);
    if (await this.findByUsername(username)) {
      throw conflict('username_taken', 'Tên đăng nhập đã tồn tại.', 'Username already exists.');
    }
    if (!input.passwordHash) assertPasswordPolicy(input.password ?? '', username);
    const user = this.users.create({
      username,
      passwordHash: input.passwordHash ?? (await UsersService.hash(input.password!)),
      displayName: input.displayName,
      roles: bound.roles,
      unitCode: bound.unitCode,
      active: true,
      createdAt: new Date(),
      tokenVersion: 0,
      mustChangePassword: false,
      passwordChangedAt: null,
      email: input.email?.trim() || null,
      emailNotices: input.emailNotices ?? true,
      locale: input.locale ?? 'vi',
    });
    const saved = await this.users.save(user, { transaction: false }); // one row; see serialize-sqlite-transactions.ts
    await this.events.record({
      action: 'user_create',
      actor: ctx.actor,
      target: { id: saved.id, username: saved.username },
      ip: ctx.ip,
      detail: { roles: saved.roles, unitCode: saved.unitCode, displayName: saved.displayName },
    });
    return saved;
  }
}
