import type { AuthUser, Role } from '../api/schema-types';

export type Screen = 'home' | 'report' | 'submissions' | 'summary' | 'rankings' | 'exports' | 'adminPeriods' | 'adminUsers' | 'adminRollups' | 'adminTemplates' | 'par';

/** Which screens each role works in (the API enforces the same, this only shapes the menu). */
export const ROLE_SCREENS: Record<Role, Screen[]> = {
  officer: ['home', 'report', 'par'],
  reviewer: ['home', 'submissions', 'par'],
  analyst: ['home', 'submissions', 'summary', 'rankings', 'exports'],
  // Administrators rank the provinces of the country (the national ranking is theirs alone).
  administrator: ['home', 'rankings', 'par', 'adminPeriods', 'adminTemplates', 'adminUsers', 'adminRollups'],
};

const ORDER: Screen[] = ['home', 'report', 'submissions', 'summary', 'rankings', 'par', 'exports', 'adminPeriods', 'adminTemplates', 'adminUsers', 'adminRollups'];

/** The union of the screens of every role the account holds, in menu order. */
export function screensOf(user: AuthUser): Screen[] {
  const mine = new Set(user.roles.flatMap((r) => ROLE_SCREENS[r] ?? []));
  return ORDER.filter((s) => mine.has(s));
}
