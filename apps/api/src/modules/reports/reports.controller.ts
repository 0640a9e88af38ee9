import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../openapi/api-error-response.dto';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { HistoryEntryDto, ReportDiffResponseDto, ReportResponseDto } from './dto/report-response.dto';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { AuditService } from '../audit/audit.service';
import { ReturnReportDto } from './dto/return-report.dto';
import { SaveReportDto } from './dto/save-report.dto';
import { ReopenReportDto, TransitionDto } from './dto/transition.dto';
import { ReportWorkflowService } from './report-workflow.service';
import { ReportsService } from './reports.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('reports')
@ApiBearerAuth()
@ApiCommonErrors()
@ApiConflictResponse({ type: ApiErrorResponseDto, description: 'Stale version, or a transition the status does not allow' })
@Controller('reports/:unitCode/:period')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly workflow: ReportWorkflowService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Access('report.read', { unit: 'unitCode' })
  @ApiOperation({ summary: "A unit's report for a period, with its findings (status null and version 0 when none exists yet)" })
  @ApiOkResponse({ type: ReportResponseDto })
  read(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string): Promise<ReportResponseDto> {
    return this.reports.read(user, unitCode, period);
  }

  @Put()
  @Access('report.write', { unit: 'unitCode' })
  @ApiOperation({ summary: 'Save a draft (creating it): merges the values, notes and sections sent; stale version → 409' })
  @ApiOkResponse({ type: ReportResponseDto })
  save(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string, @Body() dto: SaveReportDto): Promise<ReportResponseDto> {
    return this.reports.save(user, unitCode, period, dto);
  }

  @Post('submit')
  @Access('report.submit', { unit: 'unitCode' })
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Submit (draft or returned → submitted); 422 with the findings while errors remain' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorResponseDto, description: 'Errors remain: details.findings lists them' })
  @ApiOkResponse({ type: ReportResponseDto })
  submit(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string, @Body() dto: TransitionDto): Promise<ReportResponseDto> {
    return this.workflow.submit(user, unitCode, period, dto ?? {});
  }

  @Post('approve')
  @Access('report.review', { unit: 'unitCode' })
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Approve (submitted → approved) by a reviewer of the district; schedules the rollup' })
  @ApiOkResponse({ type: ReportResponseDto })
  approve(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string, @Body() dto: TransitionDto): Promise<ReportResponseDto> {
    return this.workflow.approve(user, unitCode, period, dto ?? {});
  }

  @Post('return')
  @Access('report.review', { unit: 'unitCode' })
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Return to the commune with a comment (and comments per indicator)' })
  @ApiOkResponse({ type: ReportResponseDto })
  return(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string, @Body() dto: ReturnReportDto): Promise<ReportResponseDto> {
    return this.workflow.return(user, unitCode, period, dto);
  }

  @Post('reopen')
  @Access('report.reopen', { unit: 'unitCode' })
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Reopen an approved report (approved → returned) by the approving level; re-runs the rollup' })
  @ApiOkResponse({ type: ReportResponseDto })
  reopen(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string, @Body() dto: ReopenReportDto): Promise<ReportResponseDto> {
    return this.workflow.reopen(user, unitCode, period, dto ?? {});
  }

  @Get('diff')
  @Access('report.read', { unit: 'unitCode' })
  @ApiOperation({ summary: 'Value changes since the report was last returned (or reopened)' })
  @ApiOkResponse({ type: ReportDiffResponseDto })
  diff(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string): Promise<ReportDiffResponseDto> {
    return this.workflow.diff(user, unitCode, period);
  }

  @Get('history')
  @Access('report.read', { unit: 'unitCode' })
  @ApiOperation({ summary: 'The audit trail of the report: who changed what, when, from what to what' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  async history(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string): Promise<HistoryEntryDto[]> {
    const { unit, period: p } = await this.reports.resolve(user, unitCode, period);
    const entries = await this.audit.history(unit.code, p.id);
    return entries.map((e) => ({ id: e.id, at: e.at, actor: e.actor, action: e.action, field: e.field, before: e.before, after: e.after }));
  }
}
