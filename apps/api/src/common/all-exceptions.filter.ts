import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from './api-error';
import { redactUrl } from './redact-url';

const GENERIC: Record<number, [string, string, string]> = {
  400: ['bad_request', 'Yêu cầu không hợp lệ.', 'Bad request.'],
  401: ['unauthorized', 'Bạn cần đăng nhập (phiên đăng nhập không hợp lệ hoặc đã hết hạn).', 'Authentication required (token missing, invalid or expired).'],
  403: ['forbidden', 'Bạn không có quyền thực hiện thao tác này.', 'Forbidden.'],
  404: ['not_found', 'Không tìm thấy.', 'Not found.'],
  409: ['conflict', 'Xung đột dữ liệu.', 'Conflict.'],
  413: ['payload_too_large', 'Dữ liệu gửi lên quá lớn.', 'Request body too large.'],
  415: ['unsupported_media_type', 'Định dạng dữ liệu không được hỗ trợ (cần JSON).', 'Unsupported media type (JSON expected).'],
  429: ['too_many_requests', 'Quá nhiều yêu cầu, vui lòng thử lại sau.', 'Too many requests; try again later.'],
};

/** Seconds a client should wait before trying again while the database is unreachable. */
export const DB_RETRY_AFTER_SECONDS = 10;

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);
const UNREACHABLE_TEXT = /Connection lost|connection is in closed state|Pool is closed|Too many connections|connect ETIMEDOUT|Queue limit reached|Timeout acquiring a connection/i;

/** A driver error (however TypeORM wraps it) that says the database cannot be reached, not that the request was wrong. */
export function isDatabaseUnreachable(e: unknown): boolean {
  for (let cur = e as Record<string, unknown> | undefined, depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const code = typeof cur.code === 'string' ? cur.code : undefined;
    if (code && UNREACHABLE_CODES.has(code)) return true;
    if (cur.fatal === true && typeof code === 'string') return true;
    if (typeof cur.message === 'string' && UNREACHABLE_TEXT.test(cur.message)) return true;
    cur = (cur.driverError ?? cur.cause) as Record<string, unknown> | undefined;
  }
  return false;
}

/** Every error leaves as JSON with a fitting status; a client's mistake is never a 500. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    if (!(exception instanceof HttpException) && isDatabaseUnreachable(exception)) {
      this.logger.error(`${request.method} ${redactUrl(request.url)}: database unreachable: ${(exception as Error)?.message ?? String(exception)}`);
      // A write runs in one transaction: when the connection drops, nothing of it was committed.
      const body: ApiErrorBody = {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'database_unavailable',
        message: `Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Số liệu đã lưu trước đó vẫn an toàn; thao tác vừa rồi chưa được ghi. Vui lòng thử lại sau khoảng ${DB_RETRY_AFTER_SECONDS} giây.`,
        messageEn: 'The database is unreachable. Data saved earlier is safe; this request was not applied. Retry shortly.',
      };
      void reply.status(body.statusCode).header('Retry-After', String(DB_RETRY_AFTER_SECONDS)).send(body);
      return;
    }
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(`${request.method} ${redactUrl(request.url)}: ${(exception as Error)?.stack ?? String(exception)}`);
    }
    // Every 503 says when to try again (health's included): a client or a load balancer then backs off instead of hammering.
    if (body.statusCode === 503) void reply.header('Retry-After', String(DB_RETRY_AFTER_SECONDS));
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      if (typeof res === 'object' && res !== null && 'messageEn' in res) return res as ApiErrorBody;
      // Terminus' 503 carries which dependency is down: keep it, that is what an operator needs.
      if (status === Number(HttpStatus.SERVICE_UNAVAILABLE) && typeof res === 'object' && res !== null && 'details' in res) {
        return {
          statusCode: status,
          error: 'service_unavailable',
          message: 'Hệ thống tạm thời gián đoạn (cơ sở dữ liệu hoặc hàng đợi không phản hồi).',
          messageEn: 'A dependency (database or queue) is down.',
          details: res,
        };
      }
      const [error, vi, en] = GENERIC[status] ?? ['error', 'Lỗi.', 'Error.'];
      const raw = typeof res === 'string' ? res : (res as { message?: unknown }).message;
      // A 5xx's own text may hold internals (SQL, paths): only a client error's detail is shown.
      const detail = status >= 500 ? undefined : Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : undefined;
      return { statusCode: status, error, message: vi, messageEn: detail && detail !== en ? detail : en };
    }
    // Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode.
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const [error, vi, en] = GENERIC[fastifyStatus] ?? ['bad_request', 'Yêu cầu không hợp lệ.', 'Bad request.'];
      const msg = (exception as Error).message;
      return { statusCode: fastifyStatus, error, message: vi, messageEn: msg || en };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'internal_error',
      message: 'Lỗi hệ thống. Dữ liệu của bạn không bị thay đổi; vui lòng thử lại.',
      messageEn: 'Internal error.',
    };
  }
}
