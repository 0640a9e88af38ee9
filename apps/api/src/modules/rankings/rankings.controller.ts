import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../openapi/api-schema';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { RankingQueryDto } from './dto/ranking-query.dto';
import { BreakdownResponseDto, RankingResponseDto } from './dto/ranking-response.dto';
import { RankingsService } from './rankings.service';

@ApiTags('rankings')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('rankings')
export class RankingsController {
  constructor(private readonly rankings: RankingsService) {}

  @Get(':unitCode/:period')
  // A commune sees why it placed where it did (breakdown), not the scores of its neighbours.
  @Roles('admin', 'province_analyst', 'district_reviewer')
  @ApiOperation({ summary: 'Xếp hạng các đơn vị trực thuộc (hoặc mọi xã) theo tổng điểm và từng lĩnh vực, có thay đổi hạng so với cùng kỳ năm trước' })
  @ApiOkResponse({ type: RankingResponseDto })
  ranking(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('period') period: string,
    @Query() query: RankingQueryDto,
  ): Promise<RankingResponseDto> {
    return this.rankings.ranking(user, unitCode, period, query);
  }

  @Get(':unitCode/:period/breakdown')
  @ApiOperation({ summary: 'Bảng điểm chi tiết của một xã: từng tiêu chí, số liệu đầu vào, điểm và lý do' })
  @ApiOkResponse({ type: BreakdownResponseDto })
  breakdown(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('period') period: string,
    @Query() query: RankingQueryDto,
  ): Promise<BreakdownResponseDto> {
    return this.rankings.breakdown(user, unitCode, period, query);
  }
}
