import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ScoringScheme } from '@cchc/shared';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { notFound } from '../../common/api-error';
import { SchemeVersionInfoDto, ScoringSchemeDto } from './dto/scoring-scheme.dto';
import { ScoringSchemesService, type SchemeVersionInfo } from './scoring-schemes.service';

const isAdmin = (u: AuthUser) => u.roles.includes('administrator');

@ApiTags('scoring-schemes')
@ApiBearerAuth()
@ApiCommonErrors()
@Access('reference.read')
@Controller('scoring-schemes')
export class ScoringSchemesController {
  constructor(private readonly schemes: ScoringSchemesService) {}

  @Get()
  @ApiOperation({ summary: 'Scoring scheme versions with their template version and status (drafts: administrators only)' })
  @ApiOkResponse({ type: [SchemeVersionInfoDto] })
  async list(@CurrentUser() user: AuthUser): Promise<SchemeVersionInfo[]> {
    const all = await this.schemes.list();
    return isAdmin(user) ? all : all.filter((s) => s.status === 'published');
  }

  @Get(':version')
  @ApiOperation({ summary: 'A scoring scheme by version (a draft: administrators only)' })
  @ApiOkResponse({ type: ScoringSchemeDto })
  async byVersion(@Param('version') version: string, @CurrentUser() user: AuthUser): Promise<ScoringScheme> {
    const { scheme, status } = await this.schemes.getOrThrow(version);
    if (status !== 'published' && !isAdmin(user)) throw notFound(`Không có cách chấm điểm "${version}".`, `No scoring scheme "${version}".`, 'scheme');
    return scheme;
  }

  @Post()
  @Access('templates.admin')
  @ApiOperation({ summary: 'Create a draft scheme for a published template version; 400 names each criterion whose inputs are not rows of it, or maxima that do not add up' })
  @ApiBody({ type: ScoringSchemeDto })
  @ApiCreatedResponse({ type: ScoringSchemeDto })
  create(@Body() body: unknown): Promise<ScoringScheme> {
    return this.schemes.createDraft(body);
  }

  @Post(':version/publish')
  @HttpCode(200)
  @Access('templates.admin')
  @ApiOperation({ summary: 'Publish a draft scheme: immutable from now on, and used by the next rollup of periods that name no scheme' })
  @ApiOkResponse({ type: SchemeVersionInfoDto })
  publish(@Param('version') version: string): Promise<SchemeVersionInfo> {
    return this.schemes.publish(version);
  }

  @Delete(':version')
  @HttpCode(204)
  @Access('templates.admin')
  @ApiOperation({ summary: 'Delete a draft scheme (a published one: 409)' })
  @ApiNoContentResponse()
  async remove(@Param('version') version: string): Promise<void> {
    await this.schemes.removeDraft(version);
  }
}
