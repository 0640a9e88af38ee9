import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TokenRevocationService } from './token-revocation.service';
import { AccountStateService } from '../users/account-state.service';
import { ApiError } from '../../common/api-error';
import type { AuthenticatedRequest, TokenClaims } from '../../common/auth/auth-user';

const revoked = (vi: string, en: string, reason: string) =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'token_revoked', `${vi} Vui lòng đăng nhập lại.`, `${en} Please log in again.`, undefined, { reason });

/**
 * A bearer token → the caller as the database says now. The token only says who the caller is; what they
 * may do comes from the stored account (through a cache of at most 5 s), so deactivation, a role or unit
 * change, a password change and logout take effect on the next request. Used by the global guard and by
 * the queue dashboard, which lives outside Nest's guards.
 */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: AccountStateService,
    private readonly revocations: TokenRevocationService,
  ) {}

  async authenticate(token: string): Promise<AuthenticatedRequest> {
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
    if (!account.roles.includes('administrator') && !account.unitPath) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'no_unit', 'Tài khoản chưa được gắn với đơn vị.', 'Account has no unit.');
    }
    return {
      user: {
        id: account.id,
        username: account.username,
        displayName: account.displayName,
        roles: account.roles,
        unitCode: account.unitCode,
        unitPath: account.unitPath,
        unitLevel: account.unitLevel,
      },
      token: { jti: claims.jti, exp: claims.exp },
      mustChangePassword: account.mustChangePassword,
    };
  }
}
