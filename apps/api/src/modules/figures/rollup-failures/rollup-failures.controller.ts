import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../common/auth/auth.decorators';
import { ApiCommonErrors } from '../../../openapi/api-schema';
import { RollupFailureDto, RollupRetryResponseDto } from './dto/rollup-failure.dto';
import { RollupsService } from '../../rollups/rollups.service';
import { RollupFailuresService } from './rollup-failures.service';

/** What administrators need when a summary cannot be computed: which, why, and a way to try again. */
@ApiTags('rollups')
@ApiBearerAuth()
@Access('rollups.admin')
@ApiCommonErrors()
@Controller('rollups')
export class RollupFailuresController {
  constructor(
    private readonly rollups: RollupsService,
    private readonly failing: RollupFailuresService,
  ) {}

  @Get('failures')
  @ApiOperation({ summary: 'Các tổng hợp đang lỗi (còn nợ, lần thử gần nhất bị lỗi) — chỉ quản trị viên' })
  @ApiOkResponse({ type: [RollupFailureDto] })
  failures(): Promise<RollupFailureDto[]> {
    return this.failing.list();
  }

  @Post(':unitCode/:period/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Thử lại ngay một tổng hợp còn nợ (sau khi đã khắc phục nguyên nhân) — chỉ quản trị viên' })
  @ApiAcceptedResponse({ type: RollupRetryResponseDto })
  retry(@Param('unitCode') unitCode: string, @Param('period') period: string): Promise<RollupRetryResponseDto> {
    return this.rollups.retryNow(unitCode, period);
  }
}
