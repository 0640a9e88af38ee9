import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badRequest } from '../../common/api-error';
import { Access } from '../../common/auth/auth.decorators';
import { AuthEventsService } from './auth-events.service';
import { AuthEventDto } from './dto/auth-event.dto';
import { AUTH_EVENT_ACTIONS, AuthEventAction } from './entities/auth-event.entity';

@ApiTags('audit')
@ApiBearerAuth()
@Access('audit.read')
@Controller('audit/auth-events')
export class AuthEventsController {
  constructor(private readonly events: AuthEventsService) {}

  @Get()
  @ApiOperation({ summary: 'Logins, failed logins, logouts, password and account changes, newest first (administrators only)' })
  @ApiQuery({ name: 'username', required: false, description: 'As actor or target' })
  @ApiQuery({ name: 'action', required: false, enum: AUTH_EVENT_ACTIONS })
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 100' })
  @ApiOkResponse({ type: [AuthEventDto] })
  async list(@Query('username') username?: string, @Query('action') action?: string, @Query('limit') limit?: string): Promise<AuthEventDto[]> {
    if (action !== undefined && !AUTH_EVENT_ACTIONS.includes(action as AuthEventAction)) {
      throw badRequest('action', 'Loại sự kiện không hợp lệ.', 'Unknown action.');
    }
    const n = limit === undefined ? undefined : Number(limit);
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 1000)) throw badRequest('limit', 'limit phải từ 1 đến 1000.', 'limit: 1–1000.');
    const rows = await this.events.list({ username, action: action as AuthEventAction | undefined, limit: n });
    return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
  }
}
