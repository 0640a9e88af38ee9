import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import { normalizeUsername } from '@cchc/shared';
import { ApiError } from '../../common/api-error';
import { toAuthUser, type AuthenticatedRequest, type AuthUser } from '../../common/auth/auth-user';
import { AuthEventsService } from '../audit/auth-events.service';
import { UnitsService } from '../units/units.service';
import type { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { LoginThrottleService } from './login-throttle.service';
import { TokenRevocationService } from './token-revocation.service';

// Compared against when the user does not exist, so timing does not reveal which usernames exist.
const DUMMY_HASH = bcrypt.hashSync('not-a-password', 10);

export interface Session {
  accessToken: string;
  mustChangePassword: boolean;
  user: AuthUser & { unitName: string | null };
}

/** The failure counter's key: the account when one matched, else the spelling's normal form. */
const throttleKey = (user: User | null, username: string) => (user ? `#${user.id}` : normalizeUsername(username));

const invalid = () => new ApiError(HttpStatus.UNAUTHORIZED, 'invalid_credentials', 'Sai tên đăng nhập hoặc mật khẩu.', 'Wrong username or password.');

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly units: UnitsService,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
    private readonly revocations: TokenRevocationService,
    private readonly events: AuthEventsService,
  ) {}

  async login(username: string, password: string, ip: string | null): Promise<Session> {
    // The account is found first, so its one failure counter applies to every spelling that reaches it.
    const user = await this.users.findByUsername(username);
    const counter = throttleKey(user, username);
    try {
      this.throttle.assertAllowed(counter, ip);
    } catch (e) {
      await this.events.record({ action: 'login_blocked', target: { id: user?.id ?? null, username }, ip });
      throw e;
    }
    const ok = await UsersService.verify(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      this.throttle.recordFailure(counter, ip);
      const reason = !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive';
      await this.events.record({ action: 'login_failed', target: { id: user?.id ?? null, username }, ip, detail: { reason } });
      throw invalid();
    }
    this.throttle.recordSuccess(counter);
    const session = await this.issue(user);
    await this.events.record({ action: 'login', actor: user, target: user, ip, detail: session.mustChangePassword ? { mustChangePassword: true } : null });
    return session;
  }

  /** Revokes the token this request came with (other sessions of the account stay). */
  async logout(req: AuthenticatedRequest, ip: string | null): Promise<void> {
    await this.revocations.revoke(req.token.jti, req.user.id, new Date(req.token.exp * 1000));
    await this.events.record({ action: 'logout', actor: req.user, target: req.user, ip });
  }

  /** The owner's change; needs the current password. Every older token is revoked; the answer carries a fresh one. */
  async changePassword(me: AuthUser, currentPassword: string, newPassword: string, ip: string | null): Promise<Session> {
    const user = await this.users.findById(me.id);
    if (!user || !user.active) throw invalid();
    if (!(await UsersService.verify(currentPassword, user.passwordHash))) {
      // Same counter as logins: a stolen token must not become an unlimited password oracle.
      this.throttle.assertAllowed(throttleKey(user, user.username), ip);
      this.throttle.recordFailure(throttleKey(user, user.username), ip);
      await this.events.record({ action: 'login_failed', actor: me, target: user, ip, detail: { reason: 'wrong_current_password' } });
      throw new ApiError(HttpStatus.BAD_REQUEST, 'wrong_current_password', 'Mật khẩu hiện tại không đúng.', 'The current password is wrong.', 'currentPassword');
    }
    const saved = await this.users.setOwnPassword(user, newPassword, { actor: me, ip });
    return this.issue(saved);
  }

  private async issue(user: User): Promise<Session> {
    const unit = user.unitCode ? await this.units.findByCode(user.unitCode) : null;
    if (!user.roles.includes('administrator') && !unit) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'no_unit', 'Tài khoản chưa được gắn với đơn vị.', 'Account has no unit.');
    }
    const authUser = toAuthUser(user, unit);
    const accessToken = await this.jwt.signAsync({ sub: user.id, ...authUser, tv: user.tokenVersion, jti: randomUUID() });
    return { accessToken, mustChangePassword: user.mustChangePassword, user: { ...authUser, unitName: unit?.name ?? null } };
  }
}
