import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { ReportQualityDto } from './dto/quality.dto';
import { QualityService } from './quality.service';

@ApiTags('quality')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('quality')
export class QualityController {
  constructor(private readonly quality: QualityService) {}

  @Get(':unitCode/:period')
  @Access('report.read', { unit: 'unitCode' })
  @ApiOperation({ summary: "Figures that look wrong in one report: outliers (own history, peers) and narrative ↔ appendix contradictions; warnings only" })
  @ApiOkResponse({ type: ReportQualityDto })
  forReport(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string): Promise<ReportQualityDto> {
    return this.quality.forReport(user, unitCode, period);
  }

  @Get(':unitCode/:period/children')
  @Access('submissions.read', { unit: 'unitCode' })
  @ApiOperation({ summary: '"Dữ liệu bất thường": outliers of every submitted or approved report directly under this unit' })
  @ApiOkResponse({ type: [ReportQualityDto] })
  underUnit(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string): Promise<ReportQualityDto[]> {
    return this.quality.underUnit(user, unitCode, period);
  }
}
