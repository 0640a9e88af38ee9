import type { AuthUser, SubmissionRow } from '../../api/schema-types';
import { hasRole } from '../../lib/roles';

/** A unit still to be reminded: not submitted yet (the API refuses the others). */
export const remindable = (r: Pick<SubmissionRow, 'status'>): boolean => r.status !== 'submitted' && r.status !== 'approved';

/** "Nhắc nộp" on this board: a reviewer of the board's own unit, or an administrator (the API's rule); analysts only read. */
export const mayNudge = (user: AuthUser, boardUnitCode: string): boolean =>
  hasRole(user, 'administrator') || (hasRole(user, 'reviewer') && user.unitCode === boardUnitCode);
