import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { TemplateResponseDto } from './dto/template-response.dto';
import { CURRENT_TEMPLATE_VERSION, getTemplate } from '@cchc/shared';
import { notFound } from '../../common/api-error';
import { Access } from '../../common/auth/auth.decorators';

@ApiTags('templates')
@ApiBearerAuth()
@ApiCommonErrors()
@Access('reference.read')
@Controller('templates')
export class TemplatesController {
  @Get('current')
  @ApiOperation({ summary: 'The indicator template in force (the appendix tree, its rules and decisions)' })
  @ApiOkResponse({ type: TemplateResponseDto })
  current() {
    return getTemplate(CURRENT_TEMPLATE_VERSION);
  }

  @Get(':version')
  @ApiOperation({ summary: 'A template by version, e.g. 2023.1' })
  @ApiOkResponse({ type: TemplateResponseDto })
  byVersion(@Param('version') version: string): TemplateResponseDto {
    const t = getTemplate(version);
    if (!t) throw notFound(`Không có biểu mẫu phiên bản "${version}".`, `No template version "${version}".`, 'version');
    return t;
  }
}
