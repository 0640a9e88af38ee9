import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TemplatesModule } from '../templates/templates.module';
import { Period } from './entities/period.entity';
import { PeriodsService } from './periods.service';

@Module({
  imports: [TypeOrmModule.forFeature([Period]), TemplatesModule],
  providers: [PeriodsService],
  // Everything that reads a period's reports needs its template: the two come together.
  exports: [PeriodsService, TemplatesModule],
})
export class PeriodsModule {}
