import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RankingQueryDto } from '../../rankings/dto/ranking-query.dto';
import { TREE_DESCRIPTION } from '../../figure-source/figure-tree';


export class RankingTreeQueryDto extends RankingQueryDto {
  @ApiPropertyOptional({ enum: ['current'], description: TREE_DESCRIPTION })
  @IsOptional()
  @IsIn(['current'])
  tree?: 'current';
}
