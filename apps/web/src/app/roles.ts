import { mayEditReport, mayReviewReport, ROLES } from '@cchc/shared';
import type { AuthUser, Role } from '../api/schema-types';

export type Screen = 'home' | 'report' | 'submissions' | 'summary' | 'rankings' | 'exports' | 'adminPeriods' | 'adminUsers' | 'adminRollups' | 'adminTemplates' | 'par';

export const ALL_ROLES: readonly Role[] = ROLES;

/** Which screens each role works in (the API enforces the same, this only shapes the menu). */
export const ROLE_SCREENS: Record<Role, Screen[]> = {
  officer: ['home', 'report', 'par'],
  reviewer: ['home', 'submissions', 'par'],
  analyst: ['home', 'submissions', 'summary', 'rankings', 'exports'],
  // Administrators rank the provinces of the country (the national ranking is theirs alone).
  administrator: ['home', 'rankings', 'par', 'adminPeriods', 'adminTemplates', 'adminUsers', 'adminRollups'],
};

const ORDER: Screen[] = ['home', 'report', 'submissions', 'summary', 'rankings', 'par', 'exports', 'adminPeriods', 'adminTemplates', 'adminUsers', 'adminRollups'];

export const hasRole = (user: AuthUser, ...roles: Role[]): boolean => roles.some((r) => user.roles.includes(r));

/** The union of the screens of every role the account holds, in menu order. */
export function screensOf(user: AuthUser): Screen[] {
  const mine = new Set(user.roles.flatMap((r) => ROLE_SCREENS[r] ?? []));
  return ORDER.filter((s) => mine.has(s));
}

export function canUse(user: AuthUser, screen: Screen): boolean {
  return screensOf(user).includes(screen);
}

/** Fills in this unit's own report (its officer). */
export const mayEdit = (user: AuthUser, unitCode: string): boolean => mayEditReport(user, { code: unitCode, parentCode: null });

/** Approves, returns, reopens this unit's report (a reviewer of the unit directly above, or an administrator). */
export const mayReview = (user: AuthUser, unit: { code: string; parentCode: string | null }): boolean => mayReviewReport(user, unit);
