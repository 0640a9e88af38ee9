import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { PeriodsModule } from '../periods/periods.module';
import { RankingsModule } from '../rankings/rankings.module';
import { UnitsModule } from '../units/units.module';
import { IMPORT_BODY_LIMIT_BYTES, IMPORT_CONTENT_TYPES } from './imports.constants';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { PivotDataService } from './pivot-data.service';

@Module({
  imports: [UnitsModule, PeriodsModule, RankingsModule],
  controllers: [ExportsController, ImportsController],
  providers: [ExportsService, ImportsService, PivotDataService],
})
export class ExportsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Spreadsheet bodies arrive as raw bytes, with a larger limit than JSON bodies (only these types reach the importer). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const types = IMPORT_CONTENT_TYPES.filter((t) => !fastify.hasContentTypeParser(t));
    if (types.length === 0) return;
    fastify.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
  }
}
