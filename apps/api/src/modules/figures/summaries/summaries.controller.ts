import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../../openapi/api-schema';
import type { AuthUser } from '../../../common/auth/auth-user';
import { Access, CurrentUser } from '../../../common/auth/auth.decorators';
import { SummaryComparisonResponseDto, SummaryResponseDto } from './dto/summary-response.dto';
import { SummariesService } from './summaries.service';
import { sendCachedJson } from '../../../common/http/tagged-json-cache';
import { HistorySummaryResponseDto } from '../current-tree/dto/history-summary.dto';
import { ApiTreeQuery, figureTree } from '../figure-source/figure-tree';
import { FigureSources } from '../figure-source/figure-sources';

@ApiTags('summaries')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('summaries')
export class SummariesController {
  constructor(
    private readonly summaries: SummariesService,
    private readonly sources: FigureSources,
  ) {}

  @Get(':unitCode/:period/comparison')
  @Access('figures.read', { unit: 'unitCode' })
  @ApiOperation({ summary: 'So sánh hai kỳ chỉ trên các đơn vị trực thuộc có số liệu ở cả hai kỳ (mặc định: cùng kỳ năm trước)' })
  @ApiQuery({ name: 'with', required: false, type: String, description: 'Kỳ so sánh (mặc định: cùng loại kỳ năm trước)' })
  @ApiOkResponse({ type: SummaryComparisonResponseDto })
  comparison(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('period') period: string,
    @Query('with') withPeriod: string | undefined,
  ): Promise<SummaryComparisonResponseDto> {
    return this.summaries.comparison(user, unitCode, period, withPeriod || undefined);
  }

  // tree=current (an old period on today's tree) is history.read; a summary is summary.read (see the shared policy).
  @Get(':unitCode/:period')
  @Access('summary.read', { unit: 'unitCode', when: { query: 'tree', equals: 'current', action: 'history.read' } })
  @ApiOperation({ summary: 'Báo cáo tổng hợp của một đơn vị trong một kỳ (cây chỉ tiêu, độ phủ, thời điểm); tree=current: kỳ cũ trên cây hiện hành' })
  @ApiTreeQuery()
  @ApiExtraModels(SummaryResponseDto)
  @ApiOkResponse({ type: HistorySummaryResponseDto })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('period') period: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('tree') tree?: string,
  ): Promise<SummaryResponseDto | string | Buffer | undefined> {
    const answer = await this.summaries.get(user, unitCode, period, this.sources.of(figureTree(tree)), ifNoneMatch);
    // Computed per request (an old period on today's tree): nothing stored to revalidate against.
    if (answer.etag === null) return answer.body;
    // Revalidate every time: the tag is cheap to check and the body changes with any approval.
    void reply.header('etag', answer.etag).header('cache-control', 'private, no-cache');
    if (answer.json === null) {
      void reply.status(304);
      return undefined;
    }
    return sendCachedJson(reply, answer.json, acceptEncoding);
  }
}
