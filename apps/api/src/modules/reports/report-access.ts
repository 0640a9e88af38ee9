import { HttpStatus } from '@nestjs/common';
import { LEVEL_NAME_VI, mayEditReport, mayReviewReport } from '@cchc/shared';
import { ApiError } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import type { AdminUnit } from '../units/entities/admin-unit.entity';

/**
 * Who may do what to a report, on top of the subtree rule (UnitsService.getAccessible). Every level
 * files its own report (a district or province one holds the rows the template gives its level):
 * - an officer of that very unit fills in and submits it;
 * - a reviewer of the unit directly above approves, returns and reopens it, and never edits values
 *   (an administrator stands in above provinces); analysts only read; administrators may do everything.
 * The rules themselves live in shared (mayEditReport, mayReviewReport).
 */
const roleError = (vi: string, en: string) => new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', vi, en);

export function assertEditor(user: AuthUser, unit: AdminUnit): void {
  if (mayEditReport(user, unit)) return;
  throw roleError(
    'Chỉ cán bộ của chính đơn vị được nhập và nộp báo cáo này.',
    "Only the unit's own officer may fill in and submit this report.",
  );
}

/** The reviewing level is named from the tree: the parent's level, or the ministry (administrators) above a province. */
export function assertReviewer(user: AuthUser, unit: AdminUnit, parentLevel?: AdminUnit['level'] | null): void {
  if (mayReviewReport(user, unit)) return;
  const above = unit.parentCode && parentLevel ? `cán bộ thẩm định ${LEVEL_NAME_VI[parentLevel]} quản lý trực tiếp đơn vị` : 'quản trị viên (cấp trên của tỉnh)';
  throw roleError(`Chỉ ${above} được duyệt, trả lại hoặc mở lại báo cáo này.`, "Only a reviewer of the unit directly above may approve, return or reopen this report.");
}
