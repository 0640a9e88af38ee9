import { Controller, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../../openapi/api-error-response.dto';
import { ApiCommonErrors } from '../../../openapi/api-schema';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../../common/auth/auth-user';
import { Access, CurrentUser } from '../../../common/auth/auth.decorators';
import { declaredUploadLength, FileUpload } from '../../../common/http/file-upload';
import { ImportQueryDto } from './dto/import-query.dto';
import { ImportResultDto } from './dto/import-result.dto';
import { IMPORT_CONTENT_TYPES } from './imports.constants';
import { ImportsService } from './imports.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

@ApiTags('imports')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post(':unitCode/:period')
  @HttpCode(200)
  @Idempotent()
  @Access('report.import', { unit: 'unitCode', national: true })
  @ApiOperation({
    summary: 'Nhập số liệu nhiều xã từ tệp CSV/XLSX theo mẫu tệp xuất; dryRun=true chỉ kiểm tra. Ghi vào báo cáo nháp, tất cả hoặc không gì cả.',
    description:
      'Chỉ người được sửa báo cáo (cán bộ của chính xã với báo cáo nháp/bị trả lại, hoặc quản trị viên) được nhập. ' +
      'Giới hạn: IMPORT_MAX_BYTES, IMPORT_MAX_UNZIPPED_BYTES (413), IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, IMPORT_MAX_CELL_CHARS (400).',
  })
  @FileUpload(IMPORT_CONTENT_TYPES, 'The CSV or XLSX file in the pivot export\'s layout.')
  @ApiOkResponse({ type: ImportResultDto, description: 'Also when the file has errors: ok false, errors located by row and column' })
  @ApiPayloadTooLargeResponse({ type: ApiErrorResponseDto, description: 'The file, or what an XLSX unzips to, is over its limit' })
  @ApiBadRequestResponse({ type: ApiErrorResponseDto, description: 'Unreadable file, or too many rows/columns, or a cell too long' })
  run(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('period') period: string,
    @Query() query: ImportQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<ImportResultDto> {
    return this.imports.run(user, unitCode, period, req.body, query.dryRun === 'true', declaredUploadLength(req));
  }
}
