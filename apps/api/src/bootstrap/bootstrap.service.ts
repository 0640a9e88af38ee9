import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UnitsLoaderService } from '../modules/units/units-loader.service';
import { LineageLoaderService } from '../modules/lineage/lineage-loader.service';
import { DemoSeedService } from './demo-seed.service';

/** What a fresh start needs before serving: the unit tree, and demo data in demo mode. */
@Injectable()
export class BootstrapService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loader: UnitsLoaderService,
    private readonly lineage: LineageLoaderService,
    private readonly demo: DemoSeedService,
  ) {}

  async prepare(): Promise<void> {
    await this.loadUnitsIfEmpty();
    if (this.config.demoMode) await this.demo.seed();
  }

  /** The configured trees (and lineage) into an empty database; `seed-demo` needs them too. */
  async loadUnitsIfEmpty(): Promise<void> {
    const loaded = await this.loader.loadTreesIfEmpty(this.config.unitsFiles);
    // The lineage links the trees just loaded; a database that already had units is left as it is.
    if (loaded && this.config.lineageFile) await this.lineage.loadFile(this.config.lineageFile);
  }
}
