import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UnitsLoaderService } from '../modules/units/units-loader.service';
import { UnitsService } from '../modules/units/units.service';
import { DemoSeedService } from './demo-seed.service';

/** What a fresh start needs before serving: the unit tree, and demo data in demo mode. */
@Injectable()
export class BootstrapService {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly units: UnitsService,
    private readonly loader: UnitsLoaderService,
    private readonly demo: DemoSeedService,
  ) {}

  async prepare(): Promise<void> {
    const counts = await this.units.countByLevel();
    if (Object.keys(counts).length === 0) {
      this.logger.log(`empty unit table: loading ${this.config.unitsFile}`);
      await this.loader.loadFile(this.config.unitsFile);
    }
    if (this.config.demoMode) await this.demo.seed();
  }
}
