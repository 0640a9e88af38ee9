import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * On SIGTERM/SIGINT: first stop the HTTP server (no new connections; requests that arrive on open
 * connections meanwhile get 503; in-flight requests finish), then close the rest — queue workers finish
 * or hand back their running jobs (BullMQ close()), then the database. Nest's own shutdown hooks would
 * close the database before the HTTP server and fail the in-flight requests. Bounded: after
 * `timeoutMs` the process exits anyway (a job left running is taken over by another worker once its lock lapses).
 */
export function closeGracefullyOnSignal(app: INestApplicationContext, timeoutMs: number, logger: LoggerService): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: stopping (at most ${timeoutMs} ms)`, 'Shutdown');
    const deadline = setTimeout(() => {
      logger.error(`still closing after ${timeoutMs} ms: exiting`, undefined, 'Shutdown');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    void (async () => {
      if ('getHttpAdapter' in app) {
        const web = app as NestFastifyApplication;
        // Fastify closes the keep-alive connections idle when it starts closing; a connection whose
        // request finishes afterwards would hold the server open until its keep-alive timeout.
        const server = web.getHttpServer();
        const sweep = setInterval(() => server.closeIdleConnections(), 200);
        try {
          await web.getHttpAdapter().getInstance().close();
        } finally {
          clearInterval(sweep);
        }
      }
      await app.close();
      logger.log('stopped', 'Shutdown');
      clearTimeout(deadline);
      process.exit(0);
    })().catch((e: Error) => {
      logger.error(`stop failed: ${e.message}`, e.stack, 'Shutdown');
      process.exit(1);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
