import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { SubmissionsService } from './submissions.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Get(':unitCode/:period')
  @ApiOperation({ summary: 'Who has submitted: per child unit of a district or province, status and on time / late / missing' })
  @ApiQuery({ name: 'level', required: false, enum: ['commune', 'children'], description: 'commune: every commune of the subtree' })
  overview(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string, @Param('period') period: string, @Query('level') level?: string) {
    return this.submissions.overview(user, unitCode, period, level);
  }
}
