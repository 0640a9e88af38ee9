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
import { HistorySummariesService } from '../current-tree/history-summaries.service';
import { ApiTreeQuery, wantsCurrentTree } from '../current-tree/tree-query';

@ApiTags('summaries')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('summaries')
export class SummariesController {
  constructor(
    private readonly summaries: SummariesService,
    private readonly history: HistorySummariesService,
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
    const current = wantsCurrentTree(tree);
    if (current) return this.history.get(user, unitCode, period);
    const { etag, json } = await this.summaries.getCached(user, unitCode, period, ifNoneMatch);
    // Revalidate every time: the tag is cheap to check and the body changes with any approval.
    void reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (json === null) {
      void reply.status(304);
      return undefined;
    }
    return sendCachedJson(reply, json, acceptEncoding);
  }
}
