import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { Repository } from 'typeorm';
import { badRequest, conflict, notFound } from '../../common/api-error';
import { UnitsService } from '../units/units.service';
import { Role, ROLES, User } from './entities/user.entity';

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
  ) {}

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

  /** Administrator's change of an account: name, role and unit (checked together), active flag, password reset. */
  async update(id: number, patch: { displayName?: string; role?: Role; unitCode?: string | null; active?: boolean; password?: string }): Promise<User> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw notFound(`Không tìm thấy tài khoản #${id}.`, `No user #${id}.`, 'id');
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
      if (patch.password.length < 4) throw badRequest('password', 'Mật khẩu tối thiểu 4 ký tự.', 'Password: at least 4 characters.');
      user.passwordHash = await UsersService.hash(patch.password);
    }
    return this.users.save(user, { transaction: false }); // one row; see serialize-sqlite-transactions.ts
  }

  async create(input: NewUser): Promise<User> {
    if (!/^[a-z0-9._-]{3,64}$/i.test(input.username)) {
      throw badRequest('username', 'Tên đăng nhập 3–64 ký tự: chữ, số, dấu chấm, gạch.', 'Username: 3–64 letters, digits, dot, dash, underscore.');
    }
    const level = await this.checkBinding(input.role, input.unitCode);
    if (!input.passwordHash && (!input.password || input.password.length < 4)) {
      throw badRequest('password', 'Mật khẩu tối thiểu 4 ký tự.', 'Password: at least 4 characters.');
    }
    if (await this.findByUsername(input.username)) {
      throw conflict('username_taken', 'Tên đăng nhập đã tồn tại.', 'Username already exists.');
    }
    const user = this.users.create({
      username: input.username,
      passwordHash: input.passwordHash ?? (await UsersService.hash(input.password!)),
      displayName: input.displayName,
      role: input.role,
      unitCode: level ? input.unitCode : null,
      active: true,
      createdAt: new Date(),
    });
    return this.users.save(user, { transaction: false }); // one row; see serialize-sqlite-transactions.ts
  }
}
