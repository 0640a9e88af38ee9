import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { CallHandler, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { badRequest } from '../../common/api-error';
import type { AuthenticatedRequest } from '../../common/auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { IDEMPOTENCY_KEY_PATTERN, IdempotencyService, type IdempotencyClaim } from './idempotency.service';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * Runs a route under its Idempotency-Key (when the request has one): a repeat gets the first answer
 * with `Idempotent-Replayed: true` and nothing is done again. See IdempotencyService.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FastifyRequest & Partial<AuthenticatedRequest>>();
    const raw = req.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined) return next.handle();
    return from(this.handle(context, req, Array.isArray(raw) ? raw[0] : raw, next));
  }

  private async handle(context: ExecutionContext, req: FastifyRequest & Partial<AuthenticatedRequest>, key: string, next: CallHandler): Promise<unknown> {
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw badRequest(
        'Idempotency-Key',
        'Khoá Idempotency-Key phải dài 8–128 ký tự gồm chữ, số và . _ : -.',
        'Idempotency-Key must be 8–128 characters: letters, digits and . _ : -.',
      );
    }
    const user = req.user!;
    const route = `${req.method} ${req.url.split('?')[0]}`;
    const hash = createHash('sha256').update(route);
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    hash.update(query);
    const body = req.body;
    if (body instanceof Readable) {
      // A file upload: the bytes decide whether this is the same request, so they are read first
      // (never more than the import's own limit; past it the importer refuses the rest as usual).
      const bytes = await readUpTo(body, this.config.imports.maxBytes);
      hash.update(bytes.head);
      (req as { body: unknown }).body = bytes.rest;
    } else {
      hash.update(JSON.stringify(body ?? null));
    }
    const lookup = await this.idempotency.claim(user.id, key, route, hash.digest('hex'));
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (lookup.kind === 'replay') {
      void reply.header('Idempotent-Replayed', 'true');
      if (lookup.statusCode >= 400) throw new HttpException(lookup.body as Record<string, unknown>, lookup.statusCode);
      return lookup.body;
    }
    if (lookup.kind === 'committed') void reply.header('Idempotent-Replayed', 'true');
    return this.runClaimed(context, lookup.claim, next);
  }

  private async runClaimed(context: ExecutionContext, claim: IdempotencyClaim, next: CallHandler): Promise<unknown> {
    try {
      const result = await this.idempotency.run(claim, () => lastValueFrom<unknown, undefined>(next.handle(), { defaultValue: undefined }));
      const status = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? HttpStatus.CREATED;
      await this.idempotency.complete(claim, status, result);
      return result;
    } catch (e) {
      await this.idempotency.release(claim);
      throw e;
    }
  }
}

/** Reads a stream's first `limit + 1` bytes; gives them and a stream of the whole body (those bytes, then the unread rest). */
async function readUpTo(stream: Readable, limit: number): Promise<{ head: Buffer; rest: Readable }> {
  const parts: Buffer[] = [];
  let n = 0;
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let done = false;
  while (n <= limit) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    parts.push(b);
    n += b.length;
  }
  const head = Buffer.concat(parts);
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
  }
  return { head, rest: Readable.from(all()) };
}
