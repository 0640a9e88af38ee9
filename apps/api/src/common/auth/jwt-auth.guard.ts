import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '../../modules/users/entities/user.entity';
import { ApiError } from '../api-error';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, ROLES } from './auth.decorators';

/** Global guard: a valid bearer token unless @Public(), and one of @Roles() when given. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = req.headers['authorization'] ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', 'Bạn cần đăng nhập.', 'A bearer token is required.');
    }
    try {
      const payload = await this.jwt.verifyAsync<AuthUser & { sub: number }>(token);
      req.user = {
        id: payload.sub,
        username: payload.username,
        displayName: payload.displayName,
        role: payload.role,
        unitCode: payload.unitCode,
        unitPath: payload.unitPath,
      };
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        expired ? 'token_expired' : 'invalid_token',
        expired ? 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.' : 'Mã đăng nhập không hợp lệ.',
        expired ? 'Token expired.' : 'Invalid token.',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(req.user.role)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', 'Vai trò của bạn không được phép thực hiện thao tác này.', 'Your role may not do this.');
    }
    return true;
  }
}
