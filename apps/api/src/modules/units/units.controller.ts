import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { UnitDetailResponseDto } from './dto/unit-response.dto';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get(':code')
  @Access('unit.read', { unit: 'code', at: 'at' })
  @ApiOperation({ summary: 'A unit by its official code at a date, with its ancestors and children in the same tree' })
  @ApiQuery({ name: 'at', required: false, description: 'YYYY-MM-DD (default today): GSO reuses codes across trees' })
  @ApiOkResponse({ type: UnitDetailResponseDto })
  async get(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query('at') at?: string): Promise<UnitDetailResponseDto> {
    const unit = await this.units.getAccessible(user, code, at || undefined);
    const [ancestors, children] = await Promise.all([this.units.ancestors(unit), this.units.children(unit)]);
    const ref = (u: { code: string; name: string; level: string }) => ({ code: u.code, name: u.name, level: u.level });
    return {
      ...ref(unit),
      parentCode: unit.parentCode,
      path: unit.path,
      depth: unit.depth,
      tree: unit.tree,
      validFrom: unit.validFrom,
      validTo: unit.validTo,
      ancestors: ancestors.map(ref),
      children: children.map(ref),
    };
  }
}
