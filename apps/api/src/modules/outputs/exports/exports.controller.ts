import { PassThrough } from 'node:stream';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../../openapi/api-schema';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../common/auth/auth-user';
import { Access, CurrentUser } from '../../../common/auth/auth.decorators';
import { ExportTreeQueryDto } from './dto/export-query.dto';
import { RankingExportQueryDto } from './dto/ranking-export-query.dto';
import { CONTENT_TYPES, ExportsService } from './exports.service';
import { DOCX_CONTENT_TYPE } from '../documents/report-docx.writer';
import { ReportDocumentService } from '../documents/report-document.service';
import { contentDisposition } from '../../../common/http/content-disposition';
import { FigureSources } from '../../figures/figure-source/figure-sources';

@ApiTags('exports')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly documents: ReportDocumentService,
    private readonly sources: FigureSources,
  ) {}

  @Get('report/:unitCode/:file')
  @Access('report.read', { unit: 'unitCode' })
  @ApiOperation({ summary: 'Báo cáo của một đơn vị theo mẫu Phụ lục (STT, Chỉ tiêu, Đơn vị tính, Số liệu, Ghi chú) — XLSX để in' })
  @ApiParam({ name: 'file', example: '2023.xlsx', description: '<kỳ>.xlsx (Phụ lục) hoặc <kỳ>.docx (văn bản báo cáo theo Nghị định 30/2020/NĐ-CP)' })
  @ApiProduces(CONTENT_TYPES.xlsx, DOCX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The workbook or the document (attachment)', schema: { type: 'string', format: 'binary' } })
  async report(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('file') file: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (/\.docx$/i.test(file)) {
      const doc = await this.documents.reportDocx(user, unitCode, file);
      await reply.header('content-type', DOCX_CONTENT_TYPE).header('content-disposition', contentDisposition(doc.filename)).send(doc.body);
      return;
    }
    const { filename, body } = await this.exports.reportXlsx(user, unitCode, file);
    await reply.header('content-type', CONTENT_TYPES.xlsx).header('content-disposition', contentDisposition(filename)).send(body);
  }

  @Get('rankings/:unitCode/:file')
  @Access('figures.export', { unit: 'unitCode', national: true })
  @ApiOperation({ summary: 'Bảng xếp hạng (CSV hoặc XLSX): đơn vị có hạng, rồi đơn vị chưa đủ độ phủ hoặc chưa có điểm, có độ phủ' })
  @ApiParam({ name: 'file', example: '2023.xlsx', description: '<kỳ>.csv hoặc <kỳ>.xlsx' })
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOkResponse({ description: 'The ranking file (attachment)', schema: { type: 'string', format: 'binary' } })
  async ranking(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('file') file: string,
    @Query() query: RankingExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { filename, format, body } = await this.exports.rankingFile(user, unitCode, file, query);
    await reply.header('content-type', CONTENT_TYPES[format]).header('content-disposition', contentDisposition(filename)).send(body);
  }

  @Get(':unitCode/:file')
  @Access('figures.export', { unit: 'unitCode', national: true })
  @ApiOperation({
    summary: 'Bảng số liệu đơn vị × chỉ tiêu (CSV hoặc XLSX), có dòng tổng hợp; "VN" = toàn quốc (quản trị viên). Truyền theo luồng.',
  })
  @ApiParam({ name: 'file', example: '2023.xlsx', description: '<kỳ>.csv hoặc <kỳ>.xlsx' })
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOkResponse({ description: 'The table, streamed (attachment)', schema: { type: 'string', format: 'binary' } })
  async pivot(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('file') file: string,
    @Query() query: ExportTreeQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const prepared = await this.exports.preparePivot(user, unitCode, file, query, this.sources.of(query.tree));
    const out = new PassThrough();
    void reply
      .header('content-type', CONTENT_TYPES[prepared.format])
      .header('content-disposition', contentDisposition(prepared.filename))
      .header('cache-control', 'no-store')
      .send(out);
    // Headers are gone once bytes flow: a failure now can only cut the download short, never turn into a JSON error.
    prepared.write(out).then(
      () => out.end(),
      (err: unknown) => {
        this.exports.logStreamError(prepared.filename, err);
        out.destroy(err as Error);
      },
    );
  }
}
