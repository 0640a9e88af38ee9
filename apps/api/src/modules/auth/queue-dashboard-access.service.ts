import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ApiError, ApiErrorBody } from '../../common/api-error';
import { AccessTokenService } from '../../common/auth/access-token.service';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BULL_BOARD_PATH } from '../../queue/bull-board.service';

/** The cookie Bull Board's own check trades a `?token=` for (see queue/bull-board.service.ts). */
const DASHBOARD_COOKIE = 'cchc_queues_token';

/**
 * Bull Board is a Fastify plugin outside Nest's guards and checks only the token's signature and role
 * claim. This root hook runs before it and applies the same revocation as every other route: a
 * deactivated, demoted or logged-out administrator's token no longer opens the dashboard.
 */
@Injectable()
export class QueueDashboardAccessService {
  // In the constructor, not onModuleInit: Bull Board's own hook (added in its onModuleInit) would
  // otherwise run first and answer a `?token=` with a redirect before this check.
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    adapterHost: HttpAdapterHost,
    private readonly tokens: AccessTokenService,
  ) {
    this.attach(adapterHost);
  }

  private attach(adapterHost: HttpAdapterHost): void {
    const http = adapterHost.httpAdapter;
    if (!http || !this.config.redisUrl) return;
    const fastify = http.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', async (req, reply) => {
      if (!req.url.startsWith(BULL_BOARD_PATH)) return;
      const url = new URL(req.url, 'http://local');
      const header = req.headers.authorization ?? '';
      const cookie = (req.headers.cookie ?? '')
        .split(';')
        .map((p) => p.trim())
        .find((p) => p.startsWith(`${DASHBOARD_COOKIE}=`));
      const token = header.startsWith('Bearer ')
        ? header.slice(7).trim()
        : (url.searchParams.get('token') ?? (cookie ? decodeURIComponent(cookie.slice(DASHBOARD_COOKIE.length + 1)) : ''));
      if (!token) return; // Bull Board's own check answers 401.
      let body: ApiErrorBody | null = null;
      try {
        const auth = await this.tokens.authenticate(token);
        if (auth.user.role !== 'admin' || auth.mustChangePassword) {
          body = { statusCode: 403, error: 'forbidden_role', message: 'Chỉ quản trị viên được xem hàng đợi.', messageEn: 'Only administrators may see the queues.' };
        }
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        body = e.getResponse() as ApiErrorBody;
      }
      if (body) return reply.status(body.statusCode).send(body);
    });
  }
}
