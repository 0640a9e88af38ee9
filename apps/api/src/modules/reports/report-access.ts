import { HttpStatus } from '@nestjs/common';
import { ApiError, unprocessable } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import type { AdminUnit } from '../units/entities/admin-unit.entity';

/**
 * Who may do what to a report, on top of the subtree rule (UnitsService.getAccessible):
 * - the commune officer of that very commune fills in and submits it;
 * - a district reviewer whose subtree holds the commune (in a two-tier tree: a reviewer bound to
 *   the province) approves, returns and reopens it, and never edits values;
 * - province analysts only read; administrators may do everything.
 */
const roleError = (vi: string, en: string) => new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', vi, en);

export function assertEditor(user: AuthUser, unit: AdminUnit): void {
  if (user.role === 'admin') return;
  if (user.role === 'commune_officer' && user.unitCode === unit.code) return;
  throw roleError(
    'Chỉ cán bộ của chính đơn vị được nhập và nộp báo cáo này.',
    "Only the unit's own officer may fill in and submit this report.",
  );
}

export function assertReviewer(user: AuthUser, unit: AdminUnit): void {
  if (user.role === 'admin') return;
  if (user.role === 'district_reviewer' && user.unitCode !== unit.code && user.unitPath !== null && unit.path.startsWith(user.unitPath)) return;
  throw roleError(
    'Chỉ cán bộ thẩm định của cấp huyện quản lý đơn vị được duyệt, trả lại hoặc mở lại báo cáo này.',
    "Only a reviewer of the unit's district may approve, return or reopen this report.",
  );
}

/**
 * Reports are filed by communes (the leaves of the tree, in both the three- and the two-tier
 * tree). District and province figures are the rollups of their communes' approved reports.
 */
export function assertReportingUnit(unit: AdminUnit): void {
  if (unit.level === 'commune') return;
  throw unprocessable(
    'not_reporting_unit',
    `${unit.name} (${unit.code}) không lập báo cáo: chỉ cấp xã nộp báo cáo; số liệu cấp huyện, tỉnh được tổng hợp từ báo cáo của các xã.`,
    `${unit.code} does not file reports: only communes do; district and province figures are rolled up from their communes.`,
  );
}
