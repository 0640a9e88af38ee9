import type { AuthUser, Role } from '../api/schema-types';

export type Screen = 'home' | 'report' | 'submissions' | 'summary' | 'rankings' | 'exports' | 'adminPeriods' | 'adminUsers';

/** Which screens each role works in (the API enforces the same, this only shapes the menu). */
export const ROLE_SCREENS: Record<Role, Screen[]> = {
  commune_officer: ['home', 'report'],
  district_reviewer: ['home', 'submissions', 'summary', 'rankings', 'exports'],
  province_analyst: ['home', 'submissions', 'summary', 'rankings', 'exports'],
  admin: ['home', 'adminPeriods', 'adminUsers'],
};

export function canUse(user: AuthUser, screen: Screen): boolean {
  return ROLE_SCREENS[user.role].includes(screen);
}
