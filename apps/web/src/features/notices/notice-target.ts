import type { AuthUser, Notice } from '../../api/schema-types';
import { mayEdit } from '../../lib/roles';

/** Where a notice leads: the board for a list of late units, else the report it is about (the form for its own officers). */
export function noticeTarget(n: Pick<Notice, 'kind' | 'unitCode' | 'periodId'>, user: AuthUser): { to: string; board: boolean } | null {
  if (n.kind === 'late_list') return { to: `/submissions${n.unitCode ? `/${n.unitCode}` : ''}`, board: true };
  if (!n.unitCode || !n.periodId) return null;
  return { to: `/${mayEdit(user, n.unitCode) ? 'reports' : 'review'}/${n.unitCode}/${n.periodId}`, board: false };
}
