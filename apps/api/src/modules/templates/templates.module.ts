import { Module } from '@nestjs/common';
import { TemplatesController } from './templates.controller';

/** Templates are versioned data in @cchc/shared; the API serves them read-only. */
@Module({ controllers: [TemplatesController] })
export class TemplatesModule {}
