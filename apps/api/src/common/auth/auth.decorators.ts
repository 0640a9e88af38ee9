import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@cchc/shared';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'isPublic';
export const ROLES = 'roles';
export const ALLOW_PENDING_PASSWORD = 'allowPendingPassword';

/** The endpoint needs no token (login, health). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only an account holding one of these roles may call the endpoint (checked after the token). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Reachable while the account must still replace an administrator-set password (change-password, logout, me). */
export const AllowPendingPasswordChange = () => SetMetadata(ALLOW_PENDING_PASSWORD, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

/** The caller's address as Fastify sees it (behind a reverse proxy: the proxy's, unless trustProxy is set). */
export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null => {
  return ctx.switchToHttp().getRequest<{ ip?: string }>().ip ?? null;
});
