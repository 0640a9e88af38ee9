import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { TemplatesModule } from '../templates/templates.module';
import { UnitsModule } from '../units/units.module';
import { QualityController } from './quality.controller';
import { QualityService } from './quality.service';

/** Outliers and narrative ↔ appendix checks (rules in packages/shared/src/quality). */
@Module({
  imports: [ReportsModule, UnitsModule, TemplatesModule],
  controllers: [QualityController],
  providers: [QualityService],
})
export class QualityModule {}
