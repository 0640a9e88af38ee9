import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RankingQueryDto } from '../../../figures/rankings/dto/ranking-query.dto';
import type { CsvDecimal } from '../pivot-csv.writer';

export class RankingExportQueryDto extends RankingQueryDto {
  @ApiPropertyOptional({ enum: ['dot', 'comma'], default: 'dot', description: 'CSV: dấu thập phân "." và phân cách ","; hoặc "," và ";" cho Excel tiếng Việt' })
  @IsOptional()
  @IsIn(['dot', 'comma'])
  decimal?: CsvDecimal;
}
