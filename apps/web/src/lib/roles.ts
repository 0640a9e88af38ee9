import { mayEditReport, mayReviewReport, ROLES } from '@cchc/shared';
import type { AuthUser, Role } from '../api/schema-types';

export const ALL_ROLES: readonly Role[] = ROLES;

export const hasRole = (user: AuthUser, ...roles: Role[]): boolean => roles.some((r) => user.roles.includes(r));

/** Fills in this unit's own report (its officer): the shared access rule, so the web and the API agree. */
export const mayEdit = (user: AuthUser, unitCode: string): boolean => mayEditReport(user, { code: unitCode, parentCode: null });

/** Approves, returns, reopens this unit's report (a reviewer of the unit directly above, or an administrator). */
export const mayReview = (user: AuthUser, unit: { code: string; parentCode: string | null }): boolean => mayReviewReport(user, unit);
