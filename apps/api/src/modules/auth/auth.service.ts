import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcryptjs';
import { ApiError } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';

// Compared against when the user does not exist, so timing does not reveal which usernames exist.
const DUMMY_HASH = bcrypt.hashSync('not-a-password', 10);

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly units: UnitsService,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string): Promise<{ accessToken: string; user: AuthUser & { unitName: string | null } }> {
    const user = await this.users.findByUsername(username);
    const ok = await UsersService.verify(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'invalid_credentials', 'Sai tên đăng nhập hoặc mật khẩu.', 'Wrong username or password.');
    }
    const unit = user.unitCode ? await this.units.findByCode(user.unitCode) : null;
    const authUser: AuthUser = {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      unitCode: unit?.code ?? null,
      unitPath: unit?.path ?? null,
    };
    if (user.role !== 'admin' && !unit) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'no_unit', 'Tài khoản chưa được gắn với đơn vị.', 'Account has no unit.');
    }
    const accessToken = await this.jwt.signAsync({ sub: user.id, ...authUser });
    return { accessToken, user: { ...authUser, unitName: unit?.name ?? null } };
  }
}
