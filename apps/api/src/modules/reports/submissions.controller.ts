import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { CommuneSubmissionsResponseDto, DistrictSubmissionsResponseDto } from './dto/submissions-response.dto';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { etagMatches, etagOf } from '../../common/http/etag';
import { SubmissionsService } from './submissions.service';

@ApiTags('reports')
@ApiBearerAuth()
@ApiCommonErrors()
@ApiExtraModels(CommuneSubmissionsResponseDto, DistrictSubmissionsResponseDto)
@Controller('submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Get(':unitCode/:period')
  @Access('submissions.read', { unit: 'unitCode' })
  @ApiOperation({ summary: 'Who has submitted: per child unit of a district or province, status and on time / late / missing' })
  @ApiQuery({ name: 'level', required: false, enum: ['commune', 'children'], description: 'commune: every commune of the subtree' })
  @ApiOkResponse({
    description: 'rowsLevel tells the rows apart: commune lines, or (a province by its districts) counts per district',
    schema: {
      oneOf: [{ $ref: getSchemaPath(CommuneSubmissionsResponseDto) }, { $ref: getSchemaPath(DistrictSubmissionsResponseDto) }],
      discriminator: {
        propertyName: 'rowsLevel',
        mapping: { commune: getSchemaPath(CommuneSubmissionsResponseDto), district: getSchemaPath(DistrictSubmissionsResponseDto) },
      },
    },
  })
  async overview(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('period') period: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('level') level?: string,
  ): Promise<CommuneSubmissionsResponseDto | DistrictSubmissionsResponseDto | undefined> {
    const body = await this.submissions.overview(user, unitCode, period, level);
    // The board also turns on the clock (deadline passed, not due): a hash of the answer itself is
    // the only tag that changes exactly when the answer does. Saves the transfer and the re-render.
    const etag = etagOf([body]);
    void reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (etagMatches(ifNoneMatch, etag)) {
      void reply.status(304);
      return undefined;
    }
    return body;
  }
}
