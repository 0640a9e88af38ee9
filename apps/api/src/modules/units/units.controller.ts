import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { UnitDetailResponseDto, UnitSearchResultDto } from './dto/unit-response.dto';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Access('users.admin')
  @ApiOperation({ summary: 'Units in force whose name or code contains q (at least 2 characters), at most 20, highest levels first, each with its parent’s name' })
  @ApiQuery({ name: 'q', required: true, description: 'Part of a unit name or code, e.g. "Quảng Thọ" or "1989"' })
  @ApiOkResponse({ type: [UnitSearchResultDto] })
  async search(@Query('q') q = ''): Promise<UnitSearchResultDto[]> {
    return (await this.units.search(q)).map(({ unit, parentName }) => ({ code: unit.code, name: unit.name, level: unit.level, parentName }));
  }

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
