import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { PeriodsModule } from '../../periods/periods.module';
import { ReportsModule } from '../../reports/reports.module';
import { UnitsModule } from '../../units/units.module';
import { IMPORT_CONTENT_TYPES } from './imports.constants';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Takes back a file in the pivot export's layout; writes through the reports module's store like every other writer. */
@Module({
  imports: [UnitsModule, PeriodsModule, ReportsModule],
  controllers: [ImportsController],
  providers: [ImportsService],
})
export class ImportsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * Spreadsheet bodies reach the importer as the raw request stream, unread: it counts the bytes as they
   * arrive against IMPORT_MAX_BYTES and parses them as they come, so no body is ever buffered whole here.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const types = IMPORT_CONTENT_TYPES.filter((t) => !fastify.hasContentTypeParser(t));
    if (types.length === 0) return;
    fastify.addContentTypeParser(types, (_req, payload, done) => done(null, payload));
  }
}
