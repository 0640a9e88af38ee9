import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { UnitLineageResponseDto } from './dto/lineage-response.dto';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { UnitsService } from '../units/units.service';
import { LineageService } from './lineage.service';

@ApiTags('units')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('units')
export class LineageController {
  constructor(
    private readonly units: UnitsService,
    private readonly lineage: LineageService,
  ) {}

  @Get(':code/lineage')
  @Access('unit.read', { unit: 'code', at: 'at' })
  @ApiOperation({ summary: 'Where a unit came from and went to across the 2025 merger (administrative data provided by VietMap)' })
  @ApiQuery({ name: 'at', required: false, description: 'YYYY-MM-DD: the date the code is resolved at (default today)' })
  @ApiOkResponse({ type: UnitLineageResponseDto })
  async get(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query('at') at?: string): Promise<UnitLineageResponseDto> {
    const unit = await this.units.getAccessible(user, code, at || undefined);
    return this.lineage.lineageOf(unit);
  }
}
