import { Module } from '@nestjs/common';
import { TemplatesModule } from '../../templates/templates.module';
import { ImportsModule } from '../imports/imports.module';
import { TemplateWorkbooksController } from './template-workbooks.controller';
import { TemplateWorkbooksService } from './template-workbooks.service';

/** Template versions as XLSX in the appendix's layout, both ways; uploads read under the import's limits (and its raw-body parser). */
@Module({
  imports: [TemplatesModule, ImportsModule],
  controllers: [TemplateWorkbooksController],
  providers: [TemplateWorkbooksService],
})
export class TemplateWorkbooksModule {}
