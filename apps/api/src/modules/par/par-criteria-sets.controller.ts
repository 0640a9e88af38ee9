import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorResponseDto } from '../../openapi/api-error-response.dto';
import { ApiCommonErrors } from '../../openapi/api-schema';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { ParCriteriaImportResultDto, ParCriteriaSetResponseDto, SaveParCriteriaSetDto } from './dto/par-criteria-set.dto';
import { sendAttachment } from './par-http';
import { ParCriteriaSetsService } from './par-criteria-sets.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('par')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('par/criteria-sets')
export class ParCriteriaSetsController {
  constructor(private readonly sets: ParCriteriaSetsService) {}

  @Get()
  @Access('par.read')
  @ApiOperation({ summary: 'PAR criteria sets (drafts and published), newest first' })
  @ApiOkResponse({ type: [ParCriteriaSetResponseDto] })
  list(): Promise<ParCriteriaSetResponseDto[]> {
    return this.sets.list();
  }

  @Get(':version')
  @Access('par.read')
  @ApiOperation({ summary: 'One criteria set with its document' })
  @ApiOkResponse({ type: ParCriteriaSetResponseDto })
  get(@Param('version') version: string): Promise<ParCriteriaSetResponseDto> {
    return this.sets.get(version);
  }

  @Get(':version/criteria.xlsx')
  @Access('par.read')
  @ApiOperation({ summary: 'A version as XLSX (one row per domain, criterion, sub-criterion; the set\'s fields on "Thông tin"): the file POST /import reads back' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async xlsx(@Param('version') version: string, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.sets.xlsx(version);
    await sendAttachment(reply, XLSX, f.name, f.bytes);
  }

  @Get(':version/criteria.json')
  @Access('par.read')
  @ApiOperation({ summary: 'A version as JSON ({ version, document }): the body POST takes back' })
  @ApiProduces('application/json')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async json(@Param('version') version: string, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.sets.json(version);
    await sendAttachment(reply, 'application/json; charset=utf-8', f.name, f.bytes);
  }

  @Post('import')
  @Access('par.criteria.author')
  @HttpCode(200)
  @ApiOperation({ summary: 'Upload an XLSX (as downloaded) as a draft of `version`; dryRun=true checks without saving. Problems: 400 with every row\'s Vietnamese message in details.problems' })
  @ApiConsumes(XLSX, 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'version', example: 'hn-5666-2026' })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiOkResponse({ type: ParCriteriaImportResultDto })
  @ApiConflictResponse({ type: ApiErrorResponseDto, description: 'That version is published' })
  importXlsx(
    @CurrentUser() user: AuthUser,
    @Query('version') version: string | undefined,
    @Query('dryRun') dryRun: string | undefined,
    @Headers('content-length') length: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<ParCriteriaImportResultDto> {
    const declared = length !== undefined ? Number(length) : undefined;
    return this.sets.importXlsx(user, version, dryRun === 'true', req.body, Number.isFinite(declared) ? declared : undefined);
  }

  @Post()
  @Access('par.criteria.author')
  @HttpCode(200)
  @ApiOperation({ summary: 'Save a draft criteria set (replaces a draft of the same version; a published one is refused)' })
  @ApiOkResponse({ type: ParCriteriaSetResponseDto })
  @ApiConflictResponse({ type: ApiErrorResponseDto, description: 'That version is published' })
  save(@CurrentUser() user: AuthUser, @Body() dto: SaveParCriteriaSetDto): Promise<ParCriteriaSetResponseDto> {
    return this.sets.saveDraft(user, dto.version, dto.document);
  }

  @Post(':version/publish')
  @Access('par.criteria.author')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft: from then on it never changes and rounds may use it' })
  @ApiOkResponse({ type: ParCriteriaSetResponseDto })
  publish(@CurrentUser() user: AuthUser, @Param('version') version: string): Promise<ParCriteriaSetResponseDto> {
    return this.sets.publish(user, version);
  }
}
