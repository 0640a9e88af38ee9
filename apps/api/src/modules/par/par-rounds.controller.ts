import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../openapi/api-error-response.dto';
import { ApiCommonErrors } from '../../openapi/api-schema';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, CurrentUser } from '../../common/auth/auth.decorators';
import { CreateParRoundDto, ParDeadlinesDto, ParRoundResponseDto } from './dto/par-round.dto';
import { ParRoundsService } from './par-rounds.service';

@ApiTags('par')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('par/rounds')
export class ParRoundsController {
  constructor(private readonly rounds: ParRoundsService) {}

  @Get()
  @Access('par.read')
  @ApiOperation({ summary: "Rounds the caller may see (its subtree's appraising units, or where its commune takes part)" })
  @ApiOkResponse({ type: [ParRoundResponseDto] })
  list(@CurrentUser() user: AuthUser): Promise<ParRoundResponseDto[]> {
    return this.rounds.list(user);
  }

  @Post()
  @Access('par.round.run')
  @ApiOperation({ summary: "Open a round on a published criteria set; the appraising unit's communes take part" })
  @ApiCreatedResponse({ type: ParRoundResponseDto })
  @ApiConflictResponse({ type: ApiErrorResponseDto, description: 'The criteria set is not published' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateParRoundDto): Promise<ParRoundResponseDto> {
    return this.rounds.create(user, dto);
  }

  @Get(':roundId')
  @Access('par.read')
  @ApiOperation({ summary: 'A round: stage, deadlines, locks, and sheets by status (the dashboard)' })
  @ApiOkResponse({ type: ParRoundResponseDto })
  get(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string): Promise<ParRoundResponseDto> {
    return this.rounds.get(user, roundId);
  }

  @Patch(':roundId')
  @Access('par.round.run')
  @ApiOperation({ summary: 'Move deadlines (extend or close early, in stage order); a stage given a future deadline opens again' })
  @ApiOkResponse({ type: ParRoundResponseDto })
  @ApiConflictResponse({ type: ApiErrorResponseDto, description: 'The round is published' })
  patch(@CurrentUser() user: AuthUser, @Param('roundId') roundId: string, @Body() dto: ParDeadlinesDto): Promise<ParRoundResponseDto> {
    return this.rounds.patchDeadlines(user, roundId, dto);
  }
}
