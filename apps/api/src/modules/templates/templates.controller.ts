import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Template, TemplateDiff } from '@cchc/shared';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { notFound } from '../../common/api-error';
import { API_IMMUTABLE_CACHE_CONTROL } from '../../common/compression';
import { TemplateDiffDto, TemplateResponseDto, TemplateVersionInfoDto } from './dto/template-response.dto';
import { TemplatesService, type TemplateVersionInfo } from './templates.service';

const isAdmin = (u: AuthUser) => u.roles.includes('administrator');

@ApiTags('templates')
@ApiBearerAuth()
@ApiCommonErrors()
@Access('reference.read')
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: 'Template versions with their status (drafts are listed to administrators only)' })
  @ApiOkResponse({ type: [TemplateVersionInfoDto] })
  async list(@CurrentUser() user: AuthUser): Promise<TemplateVersionInfo[]> {
    const all = await this.templates.list();
    return isAdmin(user) ? all : all.filter((t) => t.status === 'published');
  }

  @Get('current')
  @ApiOperation({ summary: 'The newest published template version (what a newly opened period binds)' })
  @ApiOkResponse({ type: TemplateResponseDto })
  current(): Promise<Template> {
    return this.templates.latestPublished();
  }

  @Get(':version')
  @ApiOperation({ summary: 'A template by version, e.g. 2023.1 (a draft: administrators only); a published one is cacheable for a year' })
  @ApiOkResponse({ type: TemplateResponseDto })
  async byVersion(@Param('version') version: string, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<Template> {
    const { template, status } = await this.templates.getOrThrow(version);
    if (status !== 'published' && !isAdmin(user)) throw notFound(`Không có biểu mẫu phiên bản "${version}".`, `No template version "${version}".`, 'version');
    // A published version never changes (publishing freezes it): every form load after the first reads it from the browser's cache.
    if (status === 'published') void reply.header('cache-control', API_IMMUTABLE_CACHE_CONTROL);
    return template;
  }

  @Post()
  @Access('templates.admin')
  @ApiOperation({ summary: 'Create a draft version from a template document (the JSON a GET returns, with a new version id); 400 names each faulty row' })
  @ApiBody({ type: TemplateResponseDto })
  @ApiCreatedResponse({ type: TemplateResponseDto })
  create(@Body() body: unknown): Promise<Template> {
    return this.templates.createDraft(body);
  }

  @Put(':version')
  @Access('templates.admin')
  @ApiOperation({ summary: 'Replace a draft version (a published one: 409)' })
  @ApiBody({ type: TemplateResponseDto })
  @ApiOkResponse({ type: TemplateResponseDto })
  replace(@Param('version') version: string, @Body() body: unknown): Promise<Template> {
    return this.templates.replaceDraft(version, body);
  }

  @Post(':version/publish')
  @HttpCode(200)
  @Access('templates.admin')
  @ApiOperation({ summary: 'Publish a draft: from now on it never changes (409 when already published)' })
  @ApiOkResponse({ type: TemplateVersionInfoDto })
  publish(@Param('version') version: string): Promise<TemplateVersionInfo> {
    return this.templates.publish(version);
  }

  @Delete(':version')
  @HttpCode(204)
  @Access('templates.admin')
  @ApiOperation({ summary: 'Delete a draft (a published version: 409)' })
  @ApiNoContentResponse()
  async remove(@Param('version') version: string): Promise<void> {
    await this.templates.removeDraft(version);
  }

  @Get(':a/diff/:b')
  @Access('templates.admin')
  @ApiOperation({ summary: 'Rows added, removed and changed (title, type, levels, aggregation…) and rules from version a to version b' })
  @ApiOkResponse({ type: TemplateDiffDto })
  diff(@Param('a') a: string, @Param('b') b: string): Promise<TemplateDiff> {
    return this.templates.diff(a, b);
  }
}
