import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse, ApiBadRequestResponse, ApiForbiddenResponse } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../openapi/api-error-response.dto';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Public } from '../../common/auth/auth.decorators';
import { UnitsService } from '../units/units.service';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { LoginResponseDto, MeResponseDto } from './dto/session-user.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly units: UnitsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Exchange a username and password for a short-lived bearer token' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorResponseDto, description: 'invalid_credentials' })
  @ApiForbiddenResponse({ type: ApiErrorResponseDto, description: 'no_unit: the account has no unit' })
  @ApiTooManyRequestsResponse({ type: ApiErrorResponseDto })
  login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(dto.username, dto.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in account, with its unit' })
  @ApiOkResponse({ type: MeResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorResponseDto })
  async me(@CurrentUser() user: AuthUser): Promise<MeResponseDto> {
    const unit = user.unitCode ? await this.units.findByCode(user.unitCode) : null;
    return { ...user, unitName: unit?.name ?? null, unitLevel: unit?.level ?? null };
  }
}
