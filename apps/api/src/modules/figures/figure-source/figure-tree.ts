import { ApiQuery } from '@nestjs/swagger';
import { badRequest } from '../../../common/api-error';
import type { FigureTree } from './figure-source';

export const TREE_DESCRIPTION =
  'current: kỳ cũ tổng hợp lại trên đơn vị của cây hiện hành qua lịch sử sáp nhập (chỉ báo cáo đã duyệt; dữ liệu hành chính: VietMap)';

/** `?tree=`: absent is the figures as reported; `current` an old period on today's units through the lineage; anything else a 400. */
export function figureTree(tree: string | undefined): FigureTree {
  if (tree === undefined || tree === '') return 'reported';
  if (tree === 'current') return 'current';
  throw badRequest('tree', `Giá trị tree không hợp lệ: "${tree}" (chỉ dùng tree=current).`, `Invalid tree "${tree}" (only tree=current).`);
}

export const ApiTreeQuery = () => ApiQuery({ name: 'tree', required: false, enum: ['current'], description: TREE_DESCRIPTION });
