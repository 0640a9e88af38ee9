import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TemplateVersionRow } from './entities/template-version.entity';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/** Template versions stored as data: drafts an administrator authors, published versions periods bind. */
@Module({
  imports: [TypeOrmModule.forFeature([TemplateVersionRow])],
  controllers: [TemplatesController],
  providers: [TemplatesService],
  exports: [TemplatesService],
})
export class TemplatesModule {}
