import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { Repository } from 'typeorm';
import { badRequest, conflict } from '../../common/api-error';
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

  async create(input: NewUser): Promise<User> {
    if (!/^[a-z0-9._-]{3,64}$/i.test(input.username)) {
      throw badRequest('username', 'Tên đăng nhập 3–64 ký tự: chữ, số, dấu chấm, gạch.', 'Username: 3–64 letters, digits, dot, dash, underscore.');
    }
    if (!ROLES.includes(input.role)) throw badRequest('role', 'Vai trò không hợp lệ.', 'Unknown role.');
    const level = ROLE_LEVEL[input.role];
    if (level) {
      const unit = input.unitCode ? await this.units.findByCode(input.unitCode) : null;
      if (!unit) throw badRequest('unitCode', 'Không tìm thấy đơn vị.', 'Unknown unit.');
      // A two-tier tree has no districts: a reviewer can then be bound to a province.
      if (unit.level !== level && !(level === 'district' && unit.level === 'province')) {
        throw badRequest('unitCode', `Vai trò này phải gắn với đơn vị cấp ${level}.`, `This role must be bound to a ${level}.`);
      }
    }
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
    return this.users.save(user);
  }
}
