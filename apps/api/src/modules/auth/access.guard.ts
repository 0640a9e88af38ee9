import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { allowedWhilePasswordPending } from '@cchc/shared';
import { ApiError } from '../../common/api-error';
import { AccessPolicyService, type AccessRequest } from '../units/access-policy.service';
import { AccessTokenService } from './access-token.service';
import type { AuthenticatedRequest } from '../../common/auth/auth-user';
import { ACCESS, AccessSpec, IS_PUBLIC } from '../../common/auth/auth.decorators';

/**
 * The one enforcement point of every route (global guard): @Public() routes pass; every other route
 * needs a valid, unrevoked bearer token of an active account, and the shared access policy's yes for
 * the route's @Access action on the unit it names (404 when that unit does not exist). A route that
 * declares nothing is refused here too, though the API does not start with one (RouteAccessAuditor).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly access: AccessPolicyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const spec = this.reflector.getAllAndOverride<AccessSpec | undefined>(ACCESS, targets);
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> } & AccessRequest & Partial<AuthenticatedRequest>>();
    const header = req.headers['authorization'] ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', 'Bạn cần đăng nhập.', 'A bearer token is required.');
    }
    const auth = await this.tokens.authenticate(token);
    req.user = auth.user;
    req.token = auth.token;
    req.mustChangePassword = auth.mustChangePassword;
    if (!spec) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', 'Đường dẫn này chưa khai báo quyền truy cập.', 'This route declares no access action.');
    }
    const action = this.access.actionOf(spec, req);
    if (auth.mustChangePassword && !allowedWhilePasswordPending(action)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'password_change_required',
        'Quản trị viên đã đặt lại mật khẩu của bạn: hãy đổi mật khẩu trước khi tiếp tục.',
        'An administrator reset your password: change it before anything else.',
      );
    }
    this.access.assert(auth.user, action, await this.access.targetOf(spec, req));
    return true;
  }
}
