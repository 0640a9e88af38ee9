import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { LineageController } from './lineage.controller';
import { LineageModule } from './lineage.module';

/** The lineage routes, apart from the module so a worker process never builds them (see worker.module.ts). */
@Module({
  imports: [LineageModule, UnitsModule],
  controllers: [LineageController],
  exports: [LineageModule],
})
export class LineageHttpModule {}
