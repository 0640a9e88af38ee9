import { Module } from '@nestjs/common';
import { UnitsController } from './units.controller';
import { UnitsModule } from './units.module';

/** The units routes, apart from the module so a worker process never builds them (see worker.module.ts). */
@Module({
  imports: [UnitsModule],
  controllers: [UnitsController],
  exports: [UnitsModule],
})
export class UnitsHttpModule {}
