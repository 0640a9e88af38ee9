import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../openapi/api-schema';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { SummaryResponseDto } from './dto/summary-response.dto';
import { SummariesService } from './summaries.service';

@ApiTags('summaries')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('summaries')
export class SummariesController {
  constructor(private readonly summaries: SummariesService) {}

  // Commune officers see their own report, not a summary; reviewers and analysts see their subtree.
  @Get(':unitCode/:period')
  @Roles('district_reviewer', 'province_analyst', 'admin')
  @ApiOperation({ summary: 'Báo cáo tổng hợp của một đơn vị trong một kỳ (cây chỉ tiêu, độ phủ, thời điểm)' })
  @ApiOkResponse({ type: SummaryResponseDto })
  get(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string): Promise<SummaryResponseDto> {
    return this.summaries.get(user, unitCode, period);
  }
}
