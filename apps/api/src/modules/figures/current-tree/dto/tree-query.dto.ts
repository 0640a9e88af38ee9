import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RankingQueryDto } from '../../rankings/dto/ranking-query.dto';

export const TREE_DESCRIPTION =
  'current: kỳ cũ tổng hợp lại trên đơn vị của cây hiện hành qua lịch sử sáp nhập (chỉ báo cáo đã duyệt; dữ liệu hành chính: VietMap)';

export class RankingTreeQueryDto extends RankingQueryDto {
  @ApiPropertyOptional({ enum: ['current'], description: TREE_DESCRIPTION })
  @IsOptional()
  @IsIn(['current'])
  tree?: 'current';
}
