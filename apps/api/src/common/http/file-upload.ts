import { Readable } from 'node:stream';
import { applyDecorators, HttpStatus } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation } from '@nestjs/swagger';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ImportLimits } from '../../config/config.schema';
import { ApiError, badRequest } from '../api-error';

/**
 * File uploads (the report import, the template workbook) come two ways: the file as the raw request body
 * (scripts, curl --data-binary), or as the one file part of a multipart/form-data form (browsers,
 * administrators' tools). Either way the route's handler gets the file as a byte stream in `req.body`,
 * read by the route's own parser against IMPORT_MAX_* as it arrives — never buffered whole here.
 */

/** Route config key marking the routes that take a file. */
const FILE_UPLOAD = 'fileUpload';

/** Room for a form's boundaries and part headers on top of the file itself when a declared length is checked. */
export const MULTIPART_ENVELOPE_BYTES = 64 * 1024;

const invalidForm = () =>
  badRequest(
    'file',
    'Không đọc được biểu mẫu tải lên (multipart/form-data): nội dung bị cắt hoặc sai định dạng. Hãy chọn lại tệp rồi gửi lại.',
    'The multipart/form-data upload cannot be read: it is truncated or malformed. Choose the file again and resend.',
  );

/**
 * Marks a route as taking a file, raw (`rawTypes`) or as the `file` part of a form, and documents both
 * request bodies in the OpenAPI document.
 */
export function FileUpload(rawTypes: string[], description: string): MethodDecorator {
  const raw = { schema: { type: 'string', format: 'binary' } } as const;
  // Each body its own schema (ApiBody would give the form the raw body's); merged into the route's ApiOperation.
  return applyDecorators(
    RouteConfig({ [FILE_UPLOAD]: true }),
    ApiOperation({
      requestBody: {
        required: true,
        description: `${description} Either the file's bytes as the body, or a multipart/form-data form whose file part is named "file" (its other fields are ignored). Limits: IMPORT_MAX_* either way.`,
        content: {
          ...Object.fromEntries(rawTypes.map((t) => [t, raw])),
          'multipart/form-data': {
            schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'The file' } } },
          },
        },
      },
    }),
  );
}

/**
 * Registers @fastify/multipart and the hook that turns a form upload into the same stream a raw upload
 * is. A form sent to any other route is refused (415) as before; a form without a file part leaves no body,
 * which the route refuses as a missing file.
 */
export async function registerFileUploads(app: NestFastifyApplication, limits: ImportLimits): Promise<void> {
  await app.register(fastifyMultipart, {
    // One past the limit, so the route's own counter sees the excess and answers its 413 (not busboy's error).
    throwFileSizeLimit: false,
    limits: { files: 1, fileSize: limits.maxBytes + 1, fields: 20, fieldSize: 1024, parts: 21, headerPairs: 50 },
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Fastify's hooks run before Nest's filters: refusals are sent here, in the API's error shape.
  const refuse = (reply: FastifyReply, e: ApiError) => reply.code(e.getStatus()).send(e.getResponse());
  fastify.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.isMultipart()) return;
    if ((req.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[FILE_UPLOAD] !== true) {
      return refuse(
        reply,
        new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', 'Địa chỉ này không nhận tệp dạng multipart/form-data.', 'This endpoint does not take multipart/form-data.'),
      );
    }
    let part: Awaited<ReturnType<FastifyRequest['file']>>;
    try {
      part = await req.file();
    } catch {
      return refuse(reply, invalidForm());
    }
    (req as { body: unknown }).body = part ? asUploadStream(part.file) : undefined;
  });
}

/** A form part's stream whose transport faults (a form cut short) are the caller's 400, not a 500. */
function asUploadStream(file: Readable): Readable {
  return Readable.from(
    (async function* () {
      try {
        for await (const chunk of file) yield chunk as Buffer;
      } catch {
        throw invalidForm();
      }
    })(),
    { objectMode: false },
  );
}

/**
 * The request's declared size to hold against IMPORT_MAX_BYTES before reading anything: the raw body's
 * Content-Length, or a form's less the room its envelope may take.
 */
export function declaredUploadLength(req: FastifyRequest): number | undefined {
  const length = Number(req.headers['content-length']);
  if (!Number.isFinite(length)) return undefined;
  return req.isMultipart() ? length - MULTIPART_ENVELOPE_BYTES : length;
}
