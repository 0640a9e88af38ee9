import { Global, Module } from '@nestjs/common';
import { UnitsModule } from '../modules/units/units.module';
import { BootstrapService } from './bootstrap.service';
import { DemoSeedService } from './demo-seed.service';

@Global()
@Module({
  imports: [UnitsModule],
  providers: [BootstrapService, DemoSeedService],
  exports: [BootstrapService, DemoSeedService],
})
export class BootstrapModule {}
