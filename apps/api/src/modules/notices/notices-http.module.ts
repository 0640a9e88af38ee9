import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { NoticesController, RemindersController } from './notices.controller';
import { NoticesModule } from './notices.module';

/** The inbox's and the reminders' routes, apart so a worker runs the notice jobs without them. */
@Module({
  imports: [NoticesModule, UnitsModule],
  controllers: [NoticesController, RemindersController],
  exports: [NoticesModule],
})
export class NoticesHttpModule {}
