import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../openapi/api-error-response.dto';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../../common/api-error';
import { AppThrottlerGuard } from '../../common/auth/app-throttler.guard';
import type { AuthenticatedRequest, AuthUser } from '../../common/auth/auth-user';
import { Access, ClientIp, CurrentUser, Public } from '../../common/auth/auth.decorators';
import { UnitsService } from '../units/units.service';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { MeResponseDto, LoginResponseDto } from './dto/session-user.dto';

/** A 429 from the login counters tells the client when to come back. */
async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const details = e instanceof ApiError ? (e.getResponse() as { details?: { retryAfter?: number } }).details : undefined;
    if (e instanceof ApiError && e.getStatus() === Number(HttpStatus.TOO_MANY_REQUESTS) && details?.retryAfter) {
      void reply.header('Retry-After', String(details.retryAfter));
    }
    throw e;
  }
}

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
  @UseGuards(AppThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Exchange a username and password for a short-lived bearer token' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorResponseDto, description: 'invalid_credentials' })
  @ApiForbiddenResponse({ type: ApiErrorResponseDto, description: 'no_unit: the account has no unit' })
  @ApiTooManyRequestsResponse({ type: ApiErrorResponseDto, description: 'Too many failures for this username (login_locked) or this address; see Retry-After' })
  login(@Body() dto: LoginDto, @ClientIp() ip: string | null, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponseDto> {
    return withRetryAfter(reply, () => this.auth.login(dto.username, dto.password, ip));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @Access('session.self')
  @ApiOperation({ summary: 'Revoke the token of this request at once (other sessions stay)' })
  @ApiNoContentResponse({ description: 'Revoked; the same token now gets 401 token_revoked' })
  async logout(@Req() req: AuthenticatedRequest, @ClientIp() ip: string | null): Promise<void> {
    await this.auth.logout(req, ip);
  }

  @Post('change-password')
  @HttpCode(200)
  @ApiBearerAuth()
  @Access('session.self')
  @ApiOperation({ summary: 'Change one’s own password (current one required); every older token is revoked, a new one is returned' })
  @ApiOkResponse({ type: LoginResponseDto })
  changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentUser() me: AuthUser,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    return withRetryAfter(reply, () => this.auth.changePassword(me, dto.currentPassword, dto.newPassword, ip));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in account, with its unit' })
  @Access('session.self')
  @ApiOkResponse({ type: MeResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorResponseDto })
  async me(@Req() req: AuthenticatedRequest): Promise<MeResponseDto> {
    const user = req.user;
    const unit = user.unitCode ? await this.units.findByCode(user.unitCode) : null;
    return { ...user, unitName: unit?.name ?? null, unitLevel: unit?.level ?? null, mustChangePassword: req.mustChangePassword };
  }
}
