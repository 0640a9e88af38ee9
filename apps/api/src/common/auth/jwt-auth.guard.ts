import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@cchc/shared';
import { ApiError } from '../api-error';
import { AccessTokenService } from './access-token.service';
import type { AuthenticatedRequest } from './auth-user';
import { ALLOW_PENDING_PASSWORD, IS_PUBLIC, ROLES } from './auth.decorators';

/**
 * Global guard: a valid, unrevoked bearer token of an active account unless @Public(), one of @Roles()
 * when given, and nothing but change-password/logout/me while an administrator-set password is pending.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> } & Partial<AuthenticatedRequest>>();
    const header = req.headers['authorization'] ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', 'Bạn cần đăng nhập.', 'A bearer token is required.');
    }
    const auth = await this.tokens.authenticate(token);
    req.user = auth.user;
    req.token = auth.token;
    req.mustChangePassword = auth.mustChangePassword;
    if (auth.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_PASSWORD, targets)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'password_change_required',
        'Quản trị viên đã đặt lại mật khẩu của bạn: hãy đổi mật khẩu trước khi tiếp tục.',
        'An administrator reset your password: change it before anything else.',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.some((r) => auth.user.roles.includes(r))) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', 'Vai trò của bạn không được phép thực hiện thao tác này.', 'Your role may not do this.');
    }
    return true;
  }
}
