import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { TokenRevocationService } from '../../modules/auth/token-revocation.service';
import { AccountStateService } from '../../modules/users/account-state.service';
import type { Role } from '../../modules/users/entities/user.entity';
import { ApiError } from '../api-error';
import type { AuthenticatedRequest, TokenClaims } from './auth-user';
import { ALLOW_PENDING_PASSWORD, IS_PUBLIC, ROLES } from './auth.decorators';

const revoked = (vi: string, en: string, reason: string) =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'token_revoked', `${vi} Vui lòng đăng nhập lại.`, `${en} Please log in again.`, undefined, { reason });

/**
 * Global guard: a valid bearer token unless @Public(), and one of @Roles() when given.
 * The token only says who the caller is; what they may do comes from the stored account, re-read on
 * every request (through a cache of at most 5 s), so deactivation, a role or unit change, a password
 * change and logout take effect on the next request.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly accounts: AccountStateService,
    private readonly revocations: TokenRevocationService,
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
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        expired ? 'token_expired' : 'invalid_token',
        expired ? 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.' : 'Mã đăng nhập không hợp lệ.',
        expired ? 'Token expired.' : 'Invalid token.',
      );
    }
    // Tokens issued before revocation existed carry neither: they are treated as revoked.
    if (typeof claims.tv !== 'number' || typeof claims.jti !== 'string' || typeof claims.sub !== 'number') {
      throw revoked('Phiên đăng nhập cũ không còn hiệu lực.', 'This token predates revocation support.', 'legacy_token');
    }
    if (await this.revocations.isRevoked(claims.jti)) {
      throw revoked('Phiên đăng nhập đã đăng xuất.', 'This token was logged out.', 'logged_out');
    }
    const account = await this.accounts.get(claims.sub);
    if (!account || !account.active) {
      throw revoked('Tài khoản đã bị khoá hoặc không còn tồn tại.', 'The account is deactivated or gone.', 'account_inactive');
    }
    if (account.tokenVersion !== claims.tv) {
      throw revoked(
        'Quyền, đơn vị hoặc mật khẩu của tài khoản đã thay đổi sau khi đăng nhập.',
        'The account’s role, unit or password changed after this token was issued.',
        'account_changed',
      );
    }
    if (account.role !== 'admin' && !account.unitPath) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'no_unit', 'Tài khoản chưa được gắn với đơn vị.', 'Account has no unit.');
    }
    req.user = {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      unitCode: account.unitCode,
      unitPath: account.unitPath,
    };
    req.token = { jti: claims.jti, exp: claims.exp };
    req.mustChangePassword = account.mustChangePassword;
    if (account.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_PASSWORD, targets)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'password_change_required',
        'Quản trị viên đã đặt lại mật khẩu của bạn: hãy đổi mật khẩu trước khi tiếp tục.',
        'An administrator reset your password: change it before anything else.',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(account.role)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', 'Vai trò của bạn không được phép thực hiện thao tác này.', 'Your role may not do this.');
    }
    return true;
  }
}
