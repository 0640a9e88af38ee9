import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../../openapi/api-schema';
import type { AuthUser } from '../../../common/auth/auth-user';
import { Access, CurrentUser } from '../../../common/auth/auth.decorators';
import { RankingQueryDto } from './dto/ranking-query.dto';
import { BreakdownResponseDto, RankingResponseDto } from './dto/ranking-response.dto';
import { etagMatches } from '../../../common/http/etag';
import { sendCachedJson } from '../../../common/http/tagged-json-cache';
import { RankingTagsService } from './ranking-tags.service';
import { RankingsService } from './rankings.service';
import { ScoreBreakdownService } from './score-breakdown.service';
import { RankingTreeQueryDto } from '../current-tree/dto/tree-query.dto';
import { FigureSources } from '../figure-source/figure-sources';

@ApiTags('rankings')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('rankings')
export class RankingsController {
  constructor(
    private readonly rankings: RankingsService,
    private readonly tags: RankingTagsService,
    private readonly breakdowns: ScoreBreakdownService,
    private readonly sources: FigureSources,
  ) {}

  @Get(':unitCode/:period')
  // A commune sees why it placed where it did (breakdown), not the scores of its neighbours.
  @Access('figures.read', { unit: 'unitCode', national: true })
  @ApiOperation({
    summary:
      'Xếp hạng các đơn vị trực thuộc (hoặc mọi xã) theo tổng điểm và từng lĩnh vực, có thay đổi hạng so với cùng kỳ năm trước; "VN" = các tỉnh toàn quốc (quản trị viên)',
  })
  @ApiParam({ name: 'unitCode', example: '46', description: 'Mã đơn vị; "VN": xếp hạng các tỉnh của cây đơn vị có hiệu lực vào cuối kỳ (chỉ quản trị viên)' })
  @ApiOkResponse({ type: RankingResponseDto })
  async ranking(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('period') period: string,
    @Query() query: RankingTreeQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RankingResponseDto | string | Buffer | undefined> {
    const source = this.sources.of(query.tree);
    // Computed per request (an old period on today's tree): no tag, no cache, no preview.
    if (!source.stored) return this.rankings.ranking(user, unitCode, period, query, source);
    // A preview is computed on each request and never cached: a draft may still change.
    if (query.scheme !== undefined) {
      void reply.header('cache-control', 'no-store');
      return this.rankings.preview(user, unitCode, period, query);
    }
    const etag = await this.tags.tag(user, unitCode, period, query);
    void reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (etagMatches(ifNoneMatch, etag)) {
      void reply.status(304);
      return undefined;
    }
    return sendCachedJson(reply, await this.rankings.rankingCached(user, unitCode, period, query, etag), acceptEncoding);
  }

  @Get(':unitCode/:period/breakdown')
  @Access('score.read', { unit: 'unitCode' })
  @ApiOperation({ summary: 'Bảng điểm chi tiết của một xã: từng tiêu chí, số liệu đầu vào, điểm và lý do' })
  @ApiOkResponse({ type: BreakdownResponseDto })
  breakdown(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('period') period: string,
    @Query() query: RankingQueryDto,
  ): Promise<BreakdownResponseDto> {
    return this.breakdowns.breakdown(user, unitCode, period, query);
  }
}
