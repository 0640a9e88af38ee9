import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { CommuneSubmissionsResponseDto, DistrictSubmissionsResponseDto } from './dto/submissions-response.dto';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { SubmissionsService } from './submissions.service';

@ApiTags('reports')
@ApiBearerAuth()
@ApiCommonErrors()
@ApiExtraModels(CommuneSubmissionsResponseDto, DistrictSubmissionsResponseDto)
@Controller('submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Get(':unitCode/:period')
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
  overview(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Param('period') period: string,
    @Query('level') level?: string,
  ): Promise<CommuneSubmissionsResponseDto | DistrictSubmissionsResponseDto> {
    return this.submissions.overview(user, unitCode, period, level);
  }
}
