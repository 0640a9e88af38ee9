import type { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger as PinoLogger } from 'pino';
import { redactUrl } from '../redact-url';
import { currentRequestId } from './request-context';


/**
 * The one pino logger of a process: JSON lines on stdout (or `destination`), shared by Fastify's request
 * log and Nest's application log, with secrets redacted wherever they could appear.
 */
export function createRootLogger(level: string, destination?: DestinationStream): PinoLogger {
  return pino(
    {
      level: level === 'silent' ? 'silent' : level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.currentPassword',
          '*.newPassword',
          '*.accessToken',
          '*.token',
          '*.jwtSecret',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { method?: string; url?: string; ip?: string; headers?: Record<string, unknown> }) => ({
          method: req.method,
          url: redactUrl(req.url ?? ''),
          remoteAddress: req.ip,
          userAgent: req.headers?.['user-agent'],
        }),
      },
    },
    destination,
  );
}

/** Nest's LoggerService on the same pino logger: one JSON line per message, with the current request id. */
export class JsonLogger implements LoggerService {
  constructor(private readonly root: PinoLogger) {}

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, params: unknown[]): void {
    if (!this.root.isLevelEnabled(level)) return;
    // Nest passes (message, context) or (message, stack, context) for errors.
    const context = params.length ? params[params.length - 1] : undefined;
    const stack = level === 'error' && params.length > 1 ? params[0] : undefined;
    const requestId = currentRequestId();
    const fields: Record<string, unknown> = {};
    if (typeof context === 'string') fields['context'] = context;
    if (requestId) fields['requestId'] = requestId;
    if (typeof stack === 'string') fields['stack'] = stack;
    if (message instanceof Error) {
      fields['err'] = message;
      this.root[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.root[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.root[level](fields, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
}
