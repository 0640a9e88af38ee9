import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AccessAction } from '@cchc/shared';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'isPublic';
export const ACCESS = 'access';

/** The endpoint needs no token (login, health). Every other route declares its action with @Access. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** How a route names the unit it acts on, for the access guard. */
export interface AccessOptions {
  /** The route parameter holding the unit's code (none: the action is on no unit, e.g. administration). */
  unit?: string;
  /** A query parameter giving the date the code is resolved at (GSO reuses codes across trees); default today. */
  at?: string;
  /** The unit parameter may be "VN", the whole country (the policy grants that to administrators only). */
  national?: boolean;
  /** A query value that makes the request another action (summaries?tree=current read history, not figures). */
  when?: { query: string; equals: string; action: AccessAction };
}

export interface AccessSpec extends AccessOptions {
  action: AccessAction;
}

/**
 * The action a route performs, from the one access policy (packages/shared/src/auth/access-policy.ts).
 * The global AccessGuard authenticates the caller, resolves the unit named by `unit` and asks the policy;
 * a route with neither @Access nor @Public stops the API at start-up.
 */
export const Access = (action: AccessAction, options: AccessOptions = {}) => SetMetadata(ACCESS, { action, ...options } satisfies AccessSpec);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

/** The caller's address as Fastify sees it (behind a reverse proxy: the proxy's, unless trustProxy is set). */
export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null => {
  return ctx.switchToHttp().getRequest<{ ip?: string }>().ip ?? null;
});
