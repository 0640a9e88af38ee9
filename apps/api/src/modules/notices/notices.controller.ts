import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { badRequest } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { User } from '../users/entities/user.entity';
import { MarkReadDto, MarkReadResultDto, NoticeDto, NoticeListDto, NoticePreferencesDto, NudgeResultDto, ReminderTallyDto, UnreadCountDto, UpdateNoticePreferencesDto } from './dto/notice.dto';
import { Notice } from './entities/notice.entity';
import { MailerService } from './mailer.service';
import { NoticesClock } from './notices.clock';
import { NoticesService } from './notices.service';
import { RemindersService } from './reminders.service';

function toDto(n: Notice, locale: 'vi' | 'en'): NoticeDto {
  return { id: n.id, kind: n.kind, unitCode: n.unitCode, periodId: n.periodId, text: locale === 'en' ? n.textEn : n.textVi, textVi: n.textVi, textEn: n.textEn, createdAt: n.createdAt, readAt: n.readAt, emailState: n.emailState };
}

function intParam(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw badRequest(name, `Tham số ${name} phải là số nguyên từ ${min} đến ${max}.`, `${name} must be an integer from ${min} to ${max}.`);
  return n;
}

/** The caller's own inbox: every account reads and marks only its own notices. */
@ApiTags('notices')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('notices')
export class NoticesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly mailer: MailerService,
    private readonly dataSource: DataSource,
  ) {}

  private async me(user: AuthUser): Promise<User> {
    return this.dataSource.getRepository(User).findOneOrFail({ where: { id: user.id } });
  }

  @Get()
  @Access('notices.self')
  @ApiOperation({ summary: "The caller's notices, newest first" })
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'before', required: false, type: Number, description: 'notices older than this id (paging)' })
  @ApiOkResponse({ type: NoticeListDto })
  async list(@CurrentUser() user: AuthUser, @Query('unread') unread?: string, @Query('limit') limit?: string, @Query('before') before?: string): Promise<NoticeListDto> {
    if (unread !== undefined && unread !== 'true' && unread !== 'false') throw badRequest('unread', 'Tham số unread chỉ nhận true hoặc false.', 'unread must be true or false.');
    const me = await this.me(user);
    const items = await this.notices.list(user.id, { unreadOnly: unread === 'true', limit: intParam('limit', limit, 1, 200), beforeId: intParam('before', before, 1, 2 ** 31 - 1) });
    return { items: items.map((n) => toDto(n, me.locale)), unread: await this.notices.unreadCount(user.id) };
  }

  @Get('unread-count')
  @Access('notices.self')
  @ApiOperation({ summary: 'How many of the caller’s notices are unread (the bell)' })
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return { unread: await this.notices.unreadCount(user.id) };
  }

  @Post('read')
  @Access('notices.self')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the caller’s notices read: some by id, or all' })
  @ApiOkResponse({ type: MarkReadResultDto })
  async markRead(@CurrentUser() user: AuthUser, @Body() dto: MarkReadDto): Promise<MarkReadResultDto> {
    if (!dto.all && !dto.ids?.length) throw badRequest('ids', 'Chọn thông báo cần đánh dấu đã đọc (ids) hoặc tất cả (all).', 'Give ids, or all: true.');
    const changed = await this.notices.markRead(user.id, dto.all ? 'all' : dto.ids!);
    return { changed, unread: await this.notices.unreadCount(user.id) };
  }

  @Get('preferences')
  @Access('notices.self')
  @ApiOperation({ summary: "The caller's e-mail address, e-mail choice and language" })
  @ApiOkResponse({ type: NoticePreferencesDto })
  async preferences(@CurrentUser() user: AuthUser): Promise<NoticePreferencesDto> {
    const me = await this.me(user);
    return { email: me.email, emailNotices: me.emailNotices, locale: me.locale, emailAvailable: this.mailer.enabled };
  }

  @Put('preferences')
  @Access('notices.self')
  @ApiOperation({ summary: "Change the caller's e-mail address, e-mail choice or language" })
  @ApiOkResponse({ type: NoticePreferencesDto })
  async setPreferences(@CurrentUser() user: AuthUser, @Body() dto: UpdateNoticePreferencesDto): Promise<NoticePreferencesDto> {
    const patch: Partial<User> = {};
    if (dto.email !== undefined) patch.email = dto.email?.trim() || null;
    if (dto.emailNotices !== undefined) patch.emailNotices = dto.emailNotices;
    if (dto.locale !== undefined) patch.locale = dto.locale;
    if (Object.keys(patch).length) await this.dataSource.getRepository(User).update({ id: user.id }, patch);
    return this.preferences(user);
  }
}

/** Reminders of a period, per unit: what the board shows, and the reviewer's "Nhắc nộp". */
@ApiTags('notices')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('reminders')
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly clock: NoticesClock,
  ) {}

  @Get(':unitCode/:period')
  @Access('submissions.read', { unit: 'unitCode' })
  @ApiOperation({ summary: 'Reminders sent to each unit directly under this one for the period (count, last)' })
  @ApiOkResponse({ type: [ReminderTallyDto] })
  tallies(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string): Promise<ReminderTallyDto[]> {
    return this.reminders.tallies(user, unitCode, period);
  }

  @Post(':unitCode/:period')
  @Access('reminders.send', { unit: 'unitCode' })
  @HttpCode(200)
  @ApiOperation({ summary: '"Nhắc nộp": remind the officers of one unit (its reviewer; once per unit per day, else 429)' })
  @ApiOkResponse({ type: NudgeResultDto })
  nudge(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string): Promise<NudgeResultDto> {
    return this.reminders.nudge(user, unitCode, period, this.clock.now());
  }

  @Post(':unitCode/:period/all')
  @Access('reminders.sendAll', { unit: 'unitCode' })
  @HttpCode(200)
  @ApiOperation({ summary: '"Nhắc tất cả": remind every unit under this one that has not submitted (once per unit per day)' })
  @ApiOkResponse({ type: NudgeResultDto })
  nudgeAll(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string): Promise<NudgeResultDto> {
    return this.reminders.nudgeAll(user, unitCode, period, this.clock.now());
  }
}
