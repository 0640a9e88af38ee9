import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { periodLabel } from '@cchc/shared';
import { Roles } from '../../common/auth/auth.decorators';
import { UpdatePeriodDto } from './dto/update-period.dto';
import { Period } from './entities/period.entity';
import { PeriodsService } from './periods.service';

const view = (p: Period) => ({ ...p, label: periodLabel(p.id, 'vi'), labelEn: periodLabel(p.id, 'en') });

@ApiTags('periods')
@ApiBearerAuth()
@Controller('periods')
export class PeriodsController {
  constructor(private readonly periods: PeriodsService) {}

  @Get()
  @ApiOperation({ summary: 'Open reporting periods with their data windows and deadlines' })
  async list() {
    return (await this.periods.list()).map(view);
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return view(await this.periods.getOrThrow(id));
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Open a period (defaults from the regulation) or change its window and deadline' })
  async put(@Param('id') id: string, @Body() dto: UpdatePeriodDto) {
    return view(await this.periods.upsert(id, dto));
  }
}
