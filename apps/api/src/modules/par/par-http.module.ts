import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { UnitsModule } from '../units/units.module';
import { ParCriteriaSetsController } from './par-criteria-sets.controller';
import { PAR_RAW_CONTENT_TYPES } from './par-http';
import { ParModule } from './par.module';
import { ParResultsController } from './par-results.controller';
import { ParRoundsController } from './par-rounds.controller';
import { ParSheetsController } from './par-sheets.controller';

/** The PAR round's routes. */
@Module({
  imports: [ParModule, UnitsModule],
  controllers: [ParCriteriaSetsController, ParRoundsController, ParSheetsController, ParResultsController],
  exports: [ParModule],
})
export class ParHttpModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Evidence files and survey imports arrive as raw streams, read by the module against its own size limits. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const types = PAR_RAW_CONTENT_TYPES.filter((t) => !fastify.hasContentTypeParser(t));
    if (types.length) fastify.addContentTypeParser(types, (_req, payload, done) => done(null, payload));
  }
}
