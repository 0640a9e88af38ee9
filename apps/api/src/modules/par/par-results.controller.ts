import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorResponseDto } from '../../openapi/api-error-response.dto';
import { ApiCommonErrors } from '../../openapi/api-schema';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { ParResultsResponseDto, ParSheetSummaryDto, ParSurveyResultDto } from './dto/par-results.dto';
import { ParSurveyDto } from './dto/par-sheet.dto';
import { sendAttachment } from './par-http';
import { DOCX_CONTENT_TYPE } from '../../common/docx/state-layout';
import { ParDocumentsService } from './par-documents.service';
import { ParResultsService } from './par-results.service';
import { ParSurveyService } from './par-survey.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('par')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('par/rounds/:roundId')
export class ParResultsController {
  constructor(
    private readonly results: ParResultsService,
    private readonly survey: ParSurveyService,
    private readonly documents: ParDocumentsService,
  ) {}

  @Get('sheets')
  @Access('par.read')
  @ApiOperation({ summary: "The round's sheets by status (the appraisers' queue); a commune sees only its own" })
  @ApiOkResponse({ type: [ParSheetSummaryDto] })
  sheets(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string): Promise<ParSheetSummaryDto[]> {
    return this.survey.sheetList(user, roundId);
  }

  @Get('results')
  @Access('par.read')
  @ApiOperation({ summary: 'Index per commune, per-domain figures, rank with shared ties, band, change against last year (communes: after publication)' })
  @ApiOkResponse({ type: ParResultsResponseDto })
  get(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string): Promise<ParResultsResponseDto> {
    return this.results.read(user, roundId);
  }

  @Get('results.xlsx')
  @Access('par.read')
  @ApiOperation({ summary: 'The results as XLSX: one row per commune, domains as columns' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async xlsx(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.results.xlsx(user, roundId);
    await sendAttachment(reply, XLSX, f.name, f.bytes);
  }

  @Get('summary.docx')
  @Access('par.council.summary')
  @ApiOperation({ summary: "The council's summary (biên bản tổng hợp kết quả thẩm định) as DOCX in the state layout: the appraising unit's reviewers and administrators only" })
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async summary(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.documents.summaryDocx(user, roundId);
    await sendAttachment(reply, DOCX_CONTENT_TYPE, f.name, f.bytes);
  }

  @Post('publish')
  @Access('par.round.run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish: results become read-only and visible to every participant (all sheets must be final)' })
  @ApiOkResponse({ type: ParResultsResponseDto })
  @ApiConflictResponse({ type: ApiErrorResponseDto, description: 'Sheets not final, or already published' })
  publish(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string): Promise<ParResultsResponseDto> {
    return this.results.publish(user, roundId);
  }

  @Put('survey')
  @Access('par.round.run')
  @ApiOperation({ summary: 'Enter survey scores (percent 0–100) for communes of the round; all or nothing' })
  @ApiOkResponse({ type: ParSurveyResultDto })
  setSurvey(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Body() dto: ParSurveyDto): Promise<ParSurveyResultDto> {
    return this.survey.set(user, roundId, dto.scores);
  }

  @Post('survey/import')
  @Access('par.round.run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import survey scores from CSV or XLSX (column A: commune code, column B: percent; a header row is skipped); all or nothing' })
  @ApiConsumes('text/csv', XLSX, 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ParSurveyResultDto })
  importSurvey(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Headers('content-length') length: string | undefined, @Req() req: FastifyRequest): Promise<ParSurveyResultDto> {
    const declared = length !== undefined ? Number(length) : undefined;
    return this.survey.import(user, roundId, req.body, Number.isFinite(declared) ? declared : undefined);
  }
}
