import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export type RankingScope = 'children' | 'communes';
export type RankingBasis = 'approved' | 'submitted';

export class RankingQueryDto {
  @ApiPropertyOptional({ enum: ['children', 'communes'], default: 'children', description: 'Xếp hạng đơn vị trực thuộc (mặc định) hoặc mọi xã thuộc đơn vị' })
  @IsOptional()
  @IsIn(['children', 'communes'])
  scope?: RankingScope;

  @ApiPropertyOptional({ enum: ['approved', 'submitted'], default: 'approved', description: 'Chỉ báo cáo đã duyệt (mặc định), hoặc cả báo cáo đã nộp' })
  @IsOptional()
  @IsIn(['approved', 'submitted'])
  basis?: RankingBasis;

  @ApiPropertyOptional({ example: '2023.3', description: 'Xem thử (quản trị viên): xếp hạng theo cách chấm điểm này (kể cả bản nháp), tính trực tiếp từ báo cáo đã lưu, không lưu gì' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  scheme?: string;
}
