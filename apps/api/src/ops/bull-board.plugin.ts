import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowedWhilePasswordPending, can } from '@cchc/shared';
import { ApiError, ApiErrorBody } from '../common/api-error';
import { AccessTokenService } from '../modules/auth/access-token.service';
import { JobQueueService } from '../queue/queue.service';

export const BULL_BOARD_PATH = '/api/admin/queues';
const COOKIE = 'cchc_queues_token';

/**
 * Bull Board for administrators (BullMQ mode only), mounted by the HTTP application's factory.
 * It is a Fastify plugin, outside Nest's guards, so it runs the same token check as every route
 * (AccessTokenService: signature, stored account, revocation) on a bearer header, or a cookie set by opening `/api/admin/queues?token=<accessToken>` once (a browser cannot send
 * the header on navigation).
 */
export async function registerBullBoard(app: NestFastifyApplication): Promise<void> {
  const queue = app.get(JobQueueService);
  // The in-process driver has no BullMQ queues to show.
  if (queue.mode !== 'bullmq') return;
  const tokens = app.get(AccessTokenService);
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: queue.bullQueues().map((q) => new BullMQAdapter(q)), serverAdapter });
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (req, reply) => {
      await authorize(tokens, req, reply);
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
  });
}

async function authorize(tokens: AccessTokenService, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const url = new URL(req.url, 'http://local');
  const header = req.headers.authorization ?? '';
  const fromQuery = url.searchParams.get('token');
  const fromCookie = parseCookie(req.headers.cookie ?? '')[COOKIE];
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : (fromQuery ?? fromCookie ?? '');
  if (!token) {
    return deny(reply, 401, 'unauthorized', 'Bạn cần đăng nhập với quyền quản trị.', 'An administrator token is required.');
  }
  try {
    const auth = await tokens.authenticate(token);
    // Outside Nest's guard, so it asks the shared access policy itself (queues.admin).
    if (!can(auth.user, 'queues.admin', null) || (auth.mustChangePassword && !allowedWhilePasswordPending('queues.admin'))) {
      return deny(reply, 403, 'forbidden_role', 'Chỉ quản trị viên được xem hàng đợi.', 'Only administrators may see the queues.');
    }
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const body = e.getResponse() as ApiErrorBody;
    return reply.status(body.statusCode).send(body);
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

function deny(reply: FastifyReply, status: number, error: string, vi: string, en: string): FastifyReply {
  return reply.status(status).send({ statusCode: status, error, message: vi, messageEn: en });
}

/** Cookies by name; a value that does not decode is left out (then no token: 401), never an exception. */
function parseCookie(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      /* malformed percent-encoding: not a token */
    }
  }
  return out;
}
