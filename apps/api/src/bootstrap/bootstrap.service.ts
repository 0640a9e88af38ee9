import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UnitsLoaderService } from '../modules/units/units-loader.service';
import { DemoSeedService } from './demo-seed.service';

/** What a fresh start needs before serving: the unit tree, and demo data in demo mode. */
@Injectable()
export class BootstrapService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loader: UnitsLoaderService,
    private readonly demo: DemoSeedService,
  ) {}

  async prepare(): Promise<void> {
    await this.loader.loadIfEmpty(this.config.unitsFile);
    if (this.config.demoMode) await this.demo.seed();
  }
}
