import { Module } from '@nestjs/common';
import { LineageModule } from '../../lineage/lineage.module';
import { PeriodsModule } from '../../periods/periods.module';
import { UnitsModule } from '../../units/units.module';
import { RankingsController } from './rankings.controller';
import { RankingsService } from './rankings.service';

@Module({
  imports: [UnitsModule, PeriodsModule, LineageModule],
  controllers: [RankingsController],
  providers: [RankingsService],
  exports: [RankingsService],
})
export class RankingsModule {}
