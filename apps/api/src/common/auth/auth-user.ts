import type { Role, UnitLevel } from '@cchc/shared';

/** The caller, as the database says now (re-read on each request). `unitPath` null means the whole system (administrators). */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  /** Every role the account holds for its unit (shared ROLES); administrators: ['administrator']. */
  roles: Role[];
  unitCode: string | null;
  unitPath: string | null;
  /** The level of the account's unit (null for administrators): screens name it, never assume three tiers. */
  unitLevel: UnitLevel | null;
}

/** The caller as its account and the account's unit say: picked field by field, so nothing else of the account (its hash) travels. */
export function toAuthUser(
  user: Pick<AuthUser, 'id' | 'username' | 'displayName' | 'roles'>,
  unit: { code: string; path: string; level: UnitLevel } | null,
): AuthUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    unitCode: unit?.code ?? null,
    unitPath: unit?.path ?? null,
    unitLevel: unit?.level ?? null,
  };
}

/** What the signed token carries besides the user: its version (`tv`), its id (`jti`) and its expiry. */
export interface TokenClaims extends AuthUser {
  sub: number;
  tv: number;
  jti: string;
  exp: number;
  iat: number;
}

/** Set on the request by the guard, for logout (which revokes this very token). */
export interface AuthenticatedRequest {
  user: AuthUser;
  token: { jti: string; exp: number };
  /** An administrator reset the password: only change-password, logout and me until the owner changes it. */
  mustChangePassword: boolean;
}
