import { ApiQuery } from '@nestjs/swagger';
import { badRequest } from '../../../common/api-error';

/** `?tree=current`: an old period re-aggregated onto today's units through the lineage. Anything else but absent is a 400. */
export function wantsCurrentTree(tree: string | undefined): boolean {
  if (tree === undefined || tree === '') return false;
  if (tree === 'current') return true;
  throw badRequest('tree', `Giá trị tree không hợp lệ: "${tree}" (chỉ dùng tree=current).`, `Invalid tree "${tree}" (only tree=current).`);
}

export const ApiTreeQuery = () =>
  ApiQuery({
    name: 'tree',
    required: false,
    enum: ['current'],
    description: 'current: kỳ cũ tổng hợp lại trên đơn vị của cây hiện hành qua lịch sử sáp nhập (chỉ báo cáo đã duyệt; dữ liệu hành chính: VietMap)',
  });
