import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badRequest } from '../../../common/api-error';
import type { AuthUser } from '../../../common/auth/auth-user';
import { Access, CurrentUser } from '../../../common/auth/auth.decorators';
import { ApiCommonErrors } from '../../../openapi/api-schema';
import { FigureSources } from '../figure-source/figure-sources';
import { UnitHistoryResponseDto } from './dto/unit-history-response.dto';

@ApiTags('units')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('units')
export class UnitHistoryController {
  constructor(private readonly sources: FigureSources) {}

  @Get(':code/history')
  @Access('history.read', { unit: 'code' })
  @ApiOperation({ summary: "An old period's approved figures re-aggregated onto a unit of today's tree, with coverage (administrative data provided by VietMap)" })
  @ApiQuery({ name: 'period', required: true, description: 'An old period id, e.g. 2023' })
  @ApiOkResponse({ type: UnitHistoryResponseDto })
  history(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query('period') period?: string): Promise<UnitHistoryResponseDto> {
    if (typeof period !== 'string' || !period) throw badRequest('period', 'Cần chọn một kỳ báo cáo (ví dụ: 2023).', 'One period is required (e.g. 2023).');
    // A history is of today's tree by definition: there is no other `?tree=` for it.
    return this.sources.of('current').unitHistory(user, code, period);
  }
}
