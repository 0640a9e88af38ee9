import { Injectable, Logger } from '@nestjs/common';

/** Demo data (units, periods, demo accounts, reports). Filled in by the reports feature. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');

  async seed(): Promise<void> {
    this.logger.warn('demo seed not implemented yet');
  }
}
