import { Global, Module } from '@nestjs/common';
import { PeriodsModule } from '../modules/periods/periods.module';
import { ReportsModule } from '../modules/reports/reports.module';
import { RollupsModule } from '../modules/rollups/rollups.module';
import { UnitsModule } from '../modules/units/units.module';
import { LineageModule } from '../modules/lineage/lineage.module';
import { ParModule } from '../modules/par/par.module';
import { BootstrapService } from './bootstrap.service';
import { DemoParSeedService } from './demo-seed-par.service';
import { DemoSeedService } from './demo-seed.service';

@Global()
@Module({
  imports: [UnitsModule, LineageModule, PeriodsModule, RollupsModule, ReportsModule, ParModule],
  providers: [BootstrapService, DemoSeedService, DemoParSeedService],
  exports: [BootstrapService, DemoSeedService],
})
export class BootstrapModule {}
