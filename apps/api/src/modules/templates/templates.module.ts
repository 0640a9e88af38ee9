import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScoringSchemeRow } from './entities/scoring-scheme.entity';
import { TemplateVersionRow } from './entities/template-version.entity';
import { ScoringSchemesService } from './scoring-schemes.service';
import { TemplatesService } from './templates.service';

/**
 * The instruments as data: template versions and the scoring schemes for them. Drafts an
 * administrator authors; published versions, immutable, that periods bind.
 */
@Module({
  imports: [TypeOrmModule.forFeature([TemplateVersionRow, ScoringSchemeRow])],
  providers: [TemplatesService, ScoringSchemesService],
  exports: [TemplatesService, ScoringSchemesService],
})
export class TemplatesModule {}
