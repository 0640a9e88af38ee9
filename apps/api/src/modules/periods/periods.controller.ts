import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { PeriodResponseDto } from './dto/period-response.dto';
import { periodLabel } from '@cchc/shared';
import { Access } from '../../common/auth/auth.decorators';
import { UpdatePeriodDto } from './dto/update-period.dto';
import { Period } from './entities/period.entity';
import { PeriodsService } from './periods.service';

const view = (p: Period): PeriodResponseDto => ({ ...p, templateVersion: p.templateVersion ?? '', scoringVersion: p.scoringVersion ?? null, label: periodLabel(p.id, 'vi'), labelEn: periodLabel(p.id, 'en') });

@ApiTags('periods')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('periods')
export class PeriodsController {
  constructor(private readonly periods: PeriodsService) {}

  @Get()
  @Access('reference.read')
  @ApiOperation({ summary: 'Open reporting periods with their data windows and deadlines' })
  @ApiOkResponse({ type: [PeriodResponseDto] })
  async list(): Promise<PeriodResponseDto[]> {
    return (await this.periods.list()).map(view);
  }

  @Get(':id')
  @Access('reference.read')
  @ApiOperation({ summary: 'A period by id, e.g. 2023 or 2023Q1' })
  @ApiOkResponse({ type: PeriodResponseDto })
  async get(@Param('id') id: string): Promise<PeriodResponseDto> {
    return view(await this.periods.getOrThrow(id));
  }

  @Put(':id')
  @Access('periods.admin')
  @ApiOperation({ summary: 'Open a period (defaults from the regulation) or change its window, deadline or template version (fixed once a report exists: 409)' })
  @ApiOkResponse({ type: PeriodResponseDto })
  async put(@Param('id') id: string, @Body() dto: UpdatePeriodDto): Promise<PeriodResponseDto> {
    return view(await this.periods.upsert(id, dto));
  }
}
