import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyStatic from '@fastify/static';
import { badRequest } from './common/api-error';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import type { AppConfig } from './config/config.schema';
import { AppModule } from './app.module';
import { registerBullBoard } from './queue/bull-board.plugin';

const NEST_LEVELS: Record<string, LogLevel[]> = {
  silent: [],
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the HTTP application (used by main.ts and by the integration tests). */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Structured (JSON) request logs from Fastify's pino.
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: NEST_LEVELS[config.logLevel] ?? NEST_LEVELS['info'],
    abortOnError: false,
  });
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const first = errors[0];
        const reason = first ? Object.values(first.constraints ?? {}).join('; ') || 'invalid' : 'invalid';
        return badRequest(first?.property, `Trường "${first?.property}" không hợp lệ: ${reason}`, `Field "${first?.property}": ${reason}`);
      },
    }),
  );

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CCHC reporting API')
      .setDescription('Báo cáo cải cách hành chính: đơn vị theo mã chính thức, kỳ theo mã (2023, 2023S1, 2023Q1, 2023Q3).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { ui: false, jsonDocumentUrl: 'api/docs-json' });
  await serveSwaggerUi(app);
  await registerBullBoard(app);

  await serveWeb(app, config);
  return app;
}

/**
 * Swagger UI from swagger-ui-dist through our own @fastify/static: Nest's built-in loader looks for
 * @fastify/static from its own folder, which npm's workspace layout does not guarantee.
 */
async function serveSwaggerUi(app: NestFastifyApplication): Promise<void> {
  const root = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  await app.register(fastifyStatic, { root, prefix: '/api/docs/assets/', decorateReply: false });
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>CCHC API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#ui', persistAuthorization: true });</script></body></html>`;
  app
    .getHttpAdapter()
    .getInstance()
    .get('/api/docs', (_req, reply) => {
      void reply.type('text/html').send(html);
    });
}

/** Serves the built web app (SPA) when it exists; /api stays JSON. */
async function serveWeb(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const index = path.join(config.webDist, 'index.html');
  const fastify = app.getHttpAdapter().getInstance();
  if (!fs.existsSync(index)) {
    new Logger('Web').warn(`web app not built (${index} missing): run "npm run build"`);
    return;
  }
  await app.register(fastifyStatic, { root: config.webDist, prefix: '/', wildcard: false });
  // SPA fallback as a catch-all GET route: Nest owns Fastify's not-found handler (setting it twice fails start-up).
  fastify.get('/*', (req, reply) => {
    if (req.url.startsWith('/api')) {
      void reply.status(404).send({ statusCode: 404, error: 'not_found', message: 'Không tìm thấy.', messageEn: 'Not found.' });
      return;
    }
    void reply.type('text/html').send(fs.readFileSync(index));
  });
}
