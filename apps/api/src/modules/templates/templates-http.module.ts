import { Module } from '@nestjs/common';
import { TemplatesController } from './templates.controller';
import { ScoringSchemesController } from './scoring-schemes.controller';
import { TemplatesModule } from './templates.module';

/** The templates routes, apart from the module so a worker process never builds them (see worker.module.ts). */
@Module({
  imports: [TemplatesModule],
  controllers: [TemplatesController, ScoringSchemesController],
  exports: [TemplatesModule],
})
export class TemplatesHttpModule {}
