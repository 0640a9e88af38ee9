import { ApiQuery } from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { HttpStatus } from '@nestjs/common';
import { mayAnalyse } from '@cchc/shared';
import { ApiError, badRequest } from '../../../common/api-error';

/** `?tree=current`: an old period re-aggregated onto today's units through the lineage. Anything else but absent is a 400. */
export function wantsCurrentTree(tree: string | undefined): boolean {
  if (tree === undefined || tree === '') return false;
  if (tree === 'current') return true;
  throw badRequest('tree', `Giá trị tree không hợp lệ: "${tree}" (chỉ dùng tree=current).`, `Invalid tree "${tree}" (only tree=current).`);
}

/**
 * For routes an officer who is not an analyst may call only with ?tree=current (its predecessors'
 * aggregate): the route admits officers, and this refuses them everything else, as before.
 */
export function currentTreeOnlyUnlessAnalyst(user: AuthUser, current: boolean): void {
  if (!current && !mayAnalyse(user)) {
    throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', 'Vai trò của bạn không được phép thực hiện thao tác này.', 'Your role may not do this.');
  }
}

export const ApiTreeQuery = () =>
  ApiQuery({
    name: 'tree',
    required: false,
    enum: ['current'],
    description: 'current: kỳ cũ tổng hợp lại trên đơn vị của cây hiện hành qua lịch sử sáp nhập (chỉ báo cáo đã duyệt; dữ liệu hành chính: VietMap)',
  });
