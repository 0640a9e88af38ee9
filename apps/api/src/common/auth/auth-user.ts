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
