import type { Readable } from 'node:stream';
import { HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError, badRequest } from '../../common/api-error';
import { contentDisposition } from '../../common/http/content-disposition';

/** Every file this module hands out is a download, never rendered by the browser as the type it claims. */
export async function sendAttachment(reply: FastifyReply, type: string, filename: string, body: Buffer): Promise<void> {
  await reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition(filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(body);
}

/** Raw bodies the module reads itself (evidence files, survey imports), counted against their own limits. */
export const PAR_RAW_CONTENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
  'text/csv',
];

const tooLarge = (max: number) =>
  new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'par_evidence_too_large', `Tệp vượt quá ${Math.round(max / 1_048_576)} MB.`, `The file is over ${max} bytes.`, 'file');

/** Reads a request body stream up to `max` bytes; one byte more is a 413 and the rest is not read. */
export async function readLimited(body: unknown, max: number, declared?: number): Promise<Buffer> {
  if (declared !== undefined && declared > max) throw tooLarge(max);
  if (Buffer.isBuffer(body)) {
    if (body.length > max) throw tooLarge(max);
    return body;
  }
  const stream = body as Readable | undefined;
  if (!stream || typeof stream.on !== 'function') throw badRequest('file', 'Cần gửi nội dung tệp trong thân yêu cầu.', 'Send the file as the request body.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > max) {
      stream.destroy();
      throw tooLarge(max);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

