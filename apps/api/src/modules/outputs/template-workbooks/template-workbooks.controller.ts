import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../../../common/auth/auth.decorators';
import { declaredUploadLength, FileUpload } from '../../../common/http/file-upload';
import { ApiErrorResponseDto } from '../../../openapi/api-error-response.dto';
import { ApiCommonErrors } from '../../../openapi/api-schema';
import { contentDisposition } from '../../../common/http/content-disposition';
import { IMPORT_CONTENT_TYPES } from '../imports/imports.constants';
import { TemplateUploadQueryDto, TemplateUploadResultDto } from './dto/template-upload-result.dto';
import { TemplateWorkbooksService } from './template-workbooks.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('templates')
@ApiBearerAuth()
@ApiCommonErrors()
@Access('templates.admin')
@Controller('templates')
export class TemplateWorkbooksController {
  constructor(private readonly workbooks: TemplateWorkbooksService) {}

  @Get(':version/xlsx')
  @ApiOperation({ summary: 'Biểu mẫu (mọi phiên bản) dạng XLSX theo bố cục Phụ lục: trang "Chỉ tiêu" (Mã/STT, Chỉ tiêu, Đơn vị tính, Kiểu dữ liệu, Cấp báo cáo, Cách tổng hợp, Bắt buộc, Ghi chú…), trang "Quy tắc kiểm tra"' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The workbook (attachment)', schema: { type: 'string', format: 'binary' } })
  async download(@Param('version') version: string, @Res() reply: FastifyReply): Promise<void> {
    const { filename, body } = await this.workbooks.download(version);
    await reply.header('content-type', XLSX).header('content-disposition', contentDisposition(filename)).header('cache-control', 'no-store').send(body);
  }

  @Post('xlsx')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Tải lên biểu mẫu XLSX (bố cục như tệp tải về) để tạo bản nháp; dryRun=true chỉ kiểm tra, không ghi gì',
    description: 'Mỗi lỗi nêu trang, dòng, mã bằng tiếng Việt. Giới hạn như nhập số liệu: IMPORT_MAX_BYTES, IMPORT_MAX_UNZIPPED_BYTES (413), IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS (400).',
  })
  @FileUpload(IMPORT_CONTENT_TYPES.filter((t) => t !== 'text/csv' && t !== 'application/csv'), 'The template workbook (XLSX).')
  @ApiOkResponse({ type: TemplateUploadResultDto, description: 'Dry run: also with errors (ok false). Otherwise the draft was created (created true).' })
  @ApiPayloadTooLargeResponse({ type: ApiErrorResponseDto, description: 'The file, or what it unzips to, is over its limit' })
  @ApiBadRequestResponse({ type: ApiErrorResponseDto, description: 'Unreadable file, a limit, or (not a dry run) errors in the workbook: details lists them' })
  upload(@Query() query: TemplateUploadQueryDto, @Req() req: FastifyRequest): Promise<TemplateUploadResultDto> {
    return this.workbooks.upload(req.body, { dryRun: query.dryRun === 'true', version: query.version || undefined, declaredLength: declaredUploadLength(req) });
  }
}
