import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { CsvDecimal } from '../pivot-csv.writer';
import type { ExportBasis, ExportScope } from '../pivot-rows';
import { TREE_DESCRIPTION } from '../../../figures/figure-source/figure-tree';

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['children', 'communes'], default: 'children', description: 'Đơn vị trực thuộc (mặc định) hoặc mọi xã thuộc đơn vị' })
  @IsOptional()
  @IsIn(['children', 'communes'])
  scope?: ExportScope;

  @ApiPropertyOptional({
    enum: ['approved', 'submitted', 'all'],
    description: 'Báo cáo xã nào được xuất số liệu: đã duyệt, cả đã nộp, hoặc tất cả (cả bản nháp). Mặc định: như cơ sở tổng hợp (ROLLUP_BASIS).',
  })
  @IsOptional()
  @IsIn(['approved', 'submitted', 'all'])
  basis?: ExportBasis;

  @ApiPropertyOptional({ enum: ['dot', 'comma'], default: 'dot', description: 'CSV: dấu thập phân "." và phân cách ","; hoặc "," và ";" cho Excel tiếng Việt' })
  @IsOptional()
  @IsIn(['dot', 'comma'])
  decimal?: CsvDecimal;
}

export class ExportTreeQueryDto extends ExportQueryDto {
  @ApiPropertyOptional({ enum: ['current'], description: TREE_DESCRIPTION })
  @IsOptional()
  @IsIn(['current'])
  tree?: 'current';
}
