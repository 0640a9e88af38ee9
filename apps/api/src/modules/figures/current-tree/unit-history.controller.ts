import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badRequest } from '../../../common/api-error';
import type { AuthUser } from '../../../common/auth/auth-user';
import { Access, CurrentUser } from '../../../common/auth/auth.decorators';
import { ApiCommonErrors } from '../../../openapi/api-schema';
import { UnitsService } from '../../units/units.service';
import { UnitHistoryResponseDto } from './dto/unit-history-response.dto';
import { UnitHistoryService } from './unit-history.service';

@ApiTags('units')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('units')
export class UnitHistoryController {
  constructor(
    private readonly units: UnitsService,
    private readonly histories: UnitHistoryService,
  ) {}

  @Get(':code/history')
  @Access('history.read', { unit: 'code' })
  @ApiOperation({ summary: "An old period's approved figures re-aggregated onto a unit of today's tree, with coverage (administrative data provided by VietMap)" })
  @ApiQuery({ name: 'period', required: true, description: 'An old period id, e.g. 2023' })
  @ApiOkResponse({ type: UnitHistoryResponseDto })
  async history(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query('period') period?: string): Promise<UnitHistoryResponseDto> {
    if (typeof period !== 'string' || !period) throw badRequest('period', 'Cần chọn một kỳ báo cáo (ví dụ: 2023).', 'One period is required (e.g. 2023).');
    const unit = await this.units.getAccessible(user, code);
    return this.histories.historyOfUnit(unit, period);
  }
}
