import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorResponseDto } from '../../openapi/api-error-response.dto';
import { ApiCommonErrors } from '../../openapi/api-schema';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { ParAdjustmentDto, ParAppraisalDto, ParEvidenceResponseDto, ParExplanationDto, ParSelfAssessmentDto, ParSheetResponseDto } from './dto/par-sheet.dto';
import { DOCX_CONTENT_TYPE } from '../../common/docx/state-layout';
import { ParDocumentsService } from './par-documents.service';
import { ParEvidenceService } from './par-evidence.service';
import { PAR_RAW_CONTENT_TYPES, sendAttachment } from './par-http';
import { ParSheetsService } from './par-sheets.service';

const Stage409 = () => ApiConflictResponse({ type: ApiErrorResponseDto, description: "The stage's window is not open (its deadline passed, or it has not opened), or the sheet is in the wrong state" });

@ApiTags('par')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('par/rounds/:roundId/sheets/:unitCode')
export class ParSheetsController {
  constructor(
    private readonly sheets: ParSheetsService,
    private readonly evidence: ParEvidenceService,
    private readonly documents: ParDocumentsService,
  ) {}

  @Get()
  @Access('par.sheet.read', { unit: 'unitCode' })
  @ApiOperation({ summary: "A commune's sheet: per sub-criterion self score, suggestion from the approved year report, appraisals, explanation and evidence side by side" })
  @ApiOkResponse({ type: ParSheetResponseDto })
  get(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Param('unitCode') unitCode: string): Promise<ParSheetResponseDto> {
    return this.sheets.read(user, roundId, unitCode);
  }

  @Put()
  @Access('par.sheet.fill', { unit: 'unitCode' })
  @ApiOperation({ summary: "Save the commune's self-assessment (partial: only the rows sent change); an override of a suggestion needs a reason" })
  @ApiOkResponse({ type: ParSheetResponseDto })
  @Stage409()
  saveSelf(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Param('unitCode') unitCode: string, @Body() dto: ParSelfAssessmentDto): Promise<ParSheetResponseDto> {
    return this.sheets.saveSelf(user, roundId, unitCode, dto);
  }

  @Post('submit')
  @Access('par.sheet.fill', { unit: 'unitCode' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the self-assessment (every row scored or "Không áp dụng"); the sheet is locked for the commune afterwards' })
  @ApiOkResponse({ type: ParSheetResponseDto })
  @Stage409()
  submit(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Param('unitCode') unitCode: string): Promise<ParSheetResponseDto> {
    return this.sheets.submit(user, roundId, unitCode);
  }

  @Post('evidence')
  @Access('par.sheet.fill', { unit: 'unitCode' })
  @ApiOperation({ summary: 'Upload one evidence file for a row (raw body; PDF, DOCX, XLSX, JPG, PNG checked by content)' })
  @ApiConsumes(...PAR_RAW_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'row', example: '1.1.2' })
  @ApiQuery({ name: 'name', example: 'ke-hoach-cchc-2025.pdf' })
  @ApiOkResponse({ type: ParEvidenceResponseDto })
  @ApiPayloadTooLargeResponse({ type: ApiErrorResponseDto, description: 'Over PAR_EVIDENCE_MAX_BYTES' })
  @Stage409()
  @HttpCode(201)
  upload(
    @CurrentUser() user: AuthUser,
    @Param('roundId') roundId: string,
    @Param('unitCode') unitCode: string,
    @Query('row') row: string | undefined,
    @Query('name') name: string | undefined,
    @Headers('content-length') length: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<ParEvidenceResponseDto> {
    const declared = length !== undefined ? Number(length) : undefined;
    return this.evidence.upload(user, roundId, unitCode, { row, name }, req.body, Number.isFinite(declared) ? declared : undefined);
  }

  @Get('evidence/:id')
  @Access('par.sheet.read', { unit: 'unitCode' })
  @ApiOperation({ summary: 'Download one evidence file (always an attachment, nosniff): the commune, its appraisers and administrators only' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Param('unitCode') unitCode: string, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const { meta, bytes } = await this.evidence.download(user, roundId, unitCode, id);
    await sendAttachment(reply, meta.mime, meta.fileName, bytes);
  }

  @Get('sheet.docx')
  @Access('par.sheet.read', { unit: 'unitCode' })
  @ApiOperation({ summary: "The commune's sheet as DOCX for signing (state layout): self and appraised scores, evidence cited, totals; the commune, its appraisers and administrators" })
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async docx(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Param('unitCode') unitCode: string, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.documents.sheetDocx(user, roundId, unitCode);
    await sendAttachment(reply, DOCX_CONTENT_TYPE, f.name, f.bytes);
  }

  @Put('appraisal')
  @Access('par.sheet.appraise', { unit: 'unitCode' })
  @ApiOperation({ summary: 'Appraise (first or second, by the open window): score, comment, and in the first the rows the commune must explain' })
  @ApiOkResponse({ type: ParSheetResponseDto })
  @Stage409()
  appraise(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Param('unitCode') unitCode: string, @Body() dto: ParAppraisalDto): Promise<ParSheetResponseDto> {
    return this.sheets.appraise(user, roundId, unitCode, dto);
  }

  @Put('explanation')
  @Access('par.sheet.fill', { unit: 'unitCode' })
  @ApiOperation({ summary: "The commune's explanation of the rows it was asked about (more files go through /evidence in the same window)" })
  @ApiOkResponse({ type: ParSheetResponseDto })
  @Stage409()
  explain(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Param('unitCode') unitCode: string, @Body() dto: ParExplanationDto): Promise<ParSheetResponseDto> {
    return this.sheets.explain(user, roundId, unitCode, dto);
  }

  @Post('finalize')
  @Access('par.sheet.appraise', { unit: 'unitCode' })
  @HttpCode(200)
  @ApiOperation({ summary: "Finalise the commune's result (finalisation window)" })
  @ApiOkResponse({ type: ParSheetResponseDto })
  @Stage409()
  finalize(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Param('unitCode') unitCode: string): Promise<ParSheetResponseDto> {
    return this.sheets.finalize(user, roundId, unitCode);
  }

  @Post('adjustments')
  @Access('par.sheet.appraise', { unit: 'unitCode' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a bonus or penalty entry with its reason (capped by the round in the results)' })
  @ApiOkResponse({ type: ParSheetResponseDto })
  @Stage409()
  addAdjustment(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Param('unitCode') unitCode: string, @Body() dto: ParAdjustmentDto): Promise<ParSheetResponseDto> {
    return this.sheets.addAdjustment(user, roundId, unitCode, dto);
  }

  @Delete('adjustments/:id')
  @Access('par.sheet.appraise', { unit: 'unitCode' })
  @ApiOperation({ summary: 'Remove a bonus or penalty entry' })
  @ApiOkResponse({ type: ParSheetResponseDto })
  @Stage409()
  removeAdjustment(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Param('unitCode') unitCode: string, @Param('id') id: string): Promise<ParSheetResponseDto> {
    return this.sheets.removeAdjustment(user, roundId, unitCode, id);
  }
}
