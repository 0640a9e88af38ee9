import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../openapi/api-error-response.dto';
import { ApiCommonErrors } from '../../openapi/api-schema';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { ParCriteriaSetResponseDto, SaveParCriteriaSetDto } from './dto/par-criteria-set.dto';
import { ParCriteriaSetsService } from './par-criteria-sets.service';

@ApiTags('par')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('par/criteria-sets')
export class ParCriteriaSetsController {
  constructor(private readonly sets: ParCriteriaSetsService) {}

  @Get()
  @Access('par.read')
  @ApiOperation({ summary: 'PAR criteria sets (drafts and published), newest first' })
  @ApiOkResponse({ type: [ParCriteriaSetResponseDto] })
  list(): Promise<ParCriteriaSetResponseDto[]> {
    return this.sets.list();
  }

  @Get(':version')
  @Access('par.read')
  @ApiOperation({ summary: 'One criteria set with its document' })
  @ApiOkResponse({ type: ParCriteriaSetResponseDto })
  get(@Param('version') version: string): Promise<ParCriteriaSetResponseDto> {
    return this.sets.get(version);
  }

  @Post()
  @Access('par.criteria.author')
  @HttpCode(200)
  @ApiOperation({ summary: 'Save a draft criteria set (replaces a draft of the same version; a published one is refused)' })
  @ApiOkResponse({ type: ParCriteriaSetResponseDto })
  @ApiConflictResponse({ type: ApiErrorResponseDto, description: 'That version is published' })
  save(@CurrentUser() user: AuthUser, @Body() dto: SaveParCriteriaSetDto): Promise<ParCriteriaSetResponseDto> {
    return this.sets.saveDraft(user, dto.version, dto.document);
  }

  @Post(':version/publish')
  @Access('par.criteria.author')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft: from then on it never changes and rounds may use it' })
  @ApiOkResponse({ type: ParCriteriaSetResponseDto })
  publish(@CurrentUser() user: AuthUser, @Param('version') version: string): Promise<ParCriteriaSetResponseDto> {
    return this.sets.publish(user, version);
  }
}
