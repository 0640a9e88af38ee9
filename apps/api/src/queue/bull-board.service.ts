import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { AuthUser } from '../common/auth/auth-user';
import { JobQueueService } from './queue.service';

export const BULL_BOARD_PATH = '/api/admin/queues';
const COOKIE = 'cchc_queues_token';

/**
 * Bull Board for administrators (BullMQ mode only). It is a Fastify plugin, outside Nest's guards,
 * so it checks the token itself: a bearer header, or a cookie set by opening
 * `/api/admin/queues?token=<accessToken>` once (a browser cannot send the header on navigation).
 */
@Injectable()
export class BullBoardService implements OnModuleInit {
  private readonly logger = new Logger('BullBoard');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly jwt: JwtService,
    private readonly queue: JobQueueService,
  ) {}

  onModuleInit(): void {
    const http = this.adapterHost.httpAdapter;
    // A worker process has no HTTP server; the in-process driver has no BullMQ queues to show.
    if (!http || !this.config.redisUrl) return;
    const fastify = http.getInstance<FastifyInstance>();
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(BULL_BOARD_PATH);
    // Queues open on application bootstrap, after this hook: hand Bull Board a lazy list.
    const board = createBullBoard({ queues: [], serverAdapter });
    const ready = () => {
      if (board && !this.attached) {
        this.attached = true;
        board.replaceQueues(this.queue.bullQueues().map((q) => new BullMQAdapter(q)));
      }
    };
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', async (req, reply) => {
        ready();
        await this.authorize(req, reply);
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
    });
    this.logger.log(`queue dashboard at ${BULL_BOARD_PATH} (administrators)`);
  }

  private attached = false;

  private async authorize(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const url = new URL(req.url, 'http://local');
    const header = req.headers.authorization ?? '';
    const fromQuery = url.searchParams.get('token');
    const fromCookie = parseCookie(req.headers.cookie ?? '')[COOKIE];
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : (fromQuery ?? fromCookie ?? '');
    let user: AuthUser | null = null;
    try {
      user = token ? await this.jwt.verifyAsync<AuthUser>(token) : null;
    } catch {
      user = null;
    }
    if (!user) {
      return deny(reply, 401, 'unauthorized', 'Bạn cần đăng nhập với quyền quản trị.', 'An administrator token is required.');
    }
    if (user.role !== 'admin') {
      return deny(reply, 403, 'forbidden_role', 'Chỉ quản trị viên được xem hàng đợi.', 'Only administrators may see the queues.');
    }
    if (fromQuery) {
      // Trade the token in the URL for an HttpOnly cookie scoped to the dashboard, and drop it from the URL.
      url.searchParams.delete('token');
      const secure = req.protocol === 'https' ? '; Secure' : '';
      void reply
        .header('set-cookie', `${COOKIE}=${encodeURIComponent(fromQuery)}; Path=${BULL_BOARD_PATH}; HttpOnly; SameSite=Strict${secure}`)
        .redirect(url.pathname + url.search, 303);
      return reply;
    }
  }
}

function deny(reply: FastifyReply, status: number, error: string, vi: string, en: string): FastifyReply {
  return reply.status(status).send({ statusCode: status, error, message: vi, messageEn: en });
}

function parseCookie(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}
