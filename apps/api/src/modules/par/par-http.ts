import type { FastifyReply } from 'fastify';

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266/5987), so Vietnamese names survive. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Every file this module hands out is a download, never rendered by the browser as the type it claims. */
export async function sendAttachment(reply: FastifyReply, type: string, filename: string, body: Buffer): Promise<void> {
  await reply
    .header('content-type', type)
    .header('content-disposition', attachmentDisposition(filename))
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
