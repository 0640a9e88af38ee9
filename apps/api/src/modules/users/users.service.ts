import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { checkPassword } from '@cchc/shared';
import * as bcrypt from 'bcryptjs';
import { Repository } from 'typeorm';
import { ApiError, badRequest, conflict, notFound } from '../../common/api-error';
import { AuthEventsService } from '../audit/auth-events.service';
import { UnitsService } from '../units/units.service';
import { AccountStateService } from './account-state.service';
import { Role, ROLES, User } from './entities/user.entity';

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
  role: Role;
  unitCode: string | null;
}

/** The unit level each role is bound to; administrators are bound to none. */
export const ROLE_LEVEL: Record<Role, 'commune' | 'district' | 'province' | null> = {
  commune_officer: 'commune',
  district_reviewer: 'district',
  province_analyst: 'province',
  admin: null,
};

export const BCRYPT_ROUNDS = 10;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly units: UnitsService,
    private readonly state: AccountStateService,
    private readonly events: AuthEventsService,
  ) {}

  findById(id: number): Promise<User | null> {
    return this.users.findOne({ where: { id } });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOne({ where: { username } });
  }

  static hash(password: string): Promise<string> {
    return bcrypt.hash(password, BCRYPT_ROUNDS);
  }

  static verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  /** The role exists and its unit has the role's level; returns that level (null for administrators). */
  private async checkBinding(role: Role, unitCode: string | null): Promise<'commune' | 'district' | 'province' | null> {
    if (!ROLES.includes(role)) throw badRequest('role', 'Vai trò không hợp lệ.', 'Unknown role.');
    const level = ROLE_LEVEL[role];
    if (level) {
      const unit = unitCode ? await this.units.findByCode(unitCode) : null;
      if (!unit) throw badRequest('unitCode', 'Không tìm thấy đơn vị.', 'Unknown unit.');
      // A two-tier tree has no districts: a reviewer can then be bound to a province.
      if (unit.level !== level && !(level === 'district' && unit.level === 'province')) {
        throw badRequest('unitCode', `Vai trò này phải gắn với đơn vị cấp ${level}.`, `This role must be bound to a ${level}.`);
      }
    }
    return level;
  }

  list(filter: { unitCode?: string; role?: Role } = {}): Promise<User[]> {
    const where: { unitCode?: string; role?: Role } = {};
    if (filter.unitCode) where.unitCode = filter.unitCode;
    if (filter.role) where.role = filter.role;
    return this.users.find({ where, order: { username: 'ASC' } });
  }

  /**
   * Administrator's change of an account: name, role and unit (checked together), active flag, password reset.
   * Deactivation, a role or unit change and a reset bump the token version, so tokens already issued stop at once;
   * a reset also forces the owner to choose their own password at the next login.
   */
  async update(
    id: number,
    patch: { displayName?: string; role?: Role; unitCode?: string | null; active?: boolean; password?: string },
    ctx: ChangeContext = SYSTEM,
  ): Promise<User> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw notFound(`Không tìm thấy tài khoản #${id}.`, `No user #${id}.`, 'id');
    const before = { displayName: user.displayName, role: user.role, unitCode: user.unitCode, active: user.active };
    if (patch.role !== undefined || patch.unitCode !== undefined) {
      const role = patch.role ?? user.role;
      const unitCode = patch.unitCode !== undefined ? patch.unitCode : user.unitCode;
      const level = await this.checkBinding(role, unitCode);
      user.role = role;
      user.unitCode = level ? unitCode : null;
    }
    if (patch.displayName !== undefined) user.displayName = patch.displayName;
    if (patch.active !== undefined) user.active = patch.active;
    if (patch.password !== undefined) {
      assertPasswordPolicy(patch.password, user.username);
      user.passwordHash = await UsersService.hash(patch.password);
      user.mustChangePassword = true;
      user.passwordChangedAt = new Date();
    }
    const revoke =
      user.role !== before.role || user.unitCode !== before.unitCode || (before.active && !user.active) || patch.password !== undefined;
    if (revoke) user.tokenVersion += 1;
    const saved = await this.users.save(user, { transaction: false }); // one row; see serialize-sqlite-transactions.ts
    this.state.invalidate(id);

    const target = { id: user.id, username: user.username };
    const event = (action: Parameters<AuthEventsService['record']>[0]['action'], detail: Record<string, unknown>) =>
      this.events.record({ action, actor: ctx.actor, target, ip: ctx.ip, detail });
    if (user.role !== before.role) await event('user_role', { before: before.role, after: user.role });
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
    if (!/^[a-z0-9._-]{3,64}$/i.test(input.username)) {
      throw badRequest('username', 'Tên đăng nhập 3–64 ký tự: chữ, số, dấu chấm, gạch.', 'Username: 3–64 letters, digits, dot, dash, underscore.');
    }
    const level = await this.checkBinding(input.role, input.unitCode);
    if (await this.findByUsername(input.username)) {
      throw conflict('username_taken', 'Tên đăng nhập đã tồn tại.', 'Username already exists.');
    }
    if (!input.passwordHash) assertPasswordPolicy(input.password ?? '', input.username);
    const user = this.users.create({
      username: input.username,
      passwordHash: input.passwordHash ?? (await UsersService.hash(input.password!)),
      displayName: input.displayName,
      role: input.role,
      unitCode: level ? input.unitCode : null,
      active: true,
      createdAt: new Date(),
      tokenVersion: 0,
      mustChangePassword: false,
      passwordChangedAt: null,
    });
    const saved = await this.users.save(user, { transaction: false }); // one row; see serialize-sqlite-transactions.ts
    await this.events.record({
      action: 'user_create',
      actor: ctx.actor,
      target: { id: saved.id, username: saved.username },
      ip: ctx.ip,
      detail: { role: saved.role, unitCode: saved.unitCode, displayName: saved.displayName },
    });
    return saved;
  }
}
