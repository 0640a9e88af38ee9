import * as fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import * as path from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import { Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { LogController } from 'fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, type ApiErrorBody } from './common/api-error';
import { registerFileUploads } from './common/http/file-upload';
import { parseJsonBody } from './common/json-body';
import type { DestinationStream } from 'pino';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { createRootLogger, JsonLogger } from './common/logging/json-logger';
import { requestIdFrom, runWithRequestId } from './common/logging/request-context';
import { registerMetrics } from './modules/metrics/metrics.http';
import type { AppConfig } from './config/config.schema';
import { AppModule } from './app.module';
import { cacheControlFor, COMPRESS_FROM_BYTES, INDEX_CACHE_CONTROL } from './common/compression';
import { registerBullBoard } from './ops/bull-board.plugin';

/** Builds the HTTP application (used by main.ts and by the integration tests). */
export async function createApp(config: AppConfig, opts: { logDestination?: DestinationStream } = {}): Promise<NestFastifyApplication> {
  // One JSON-lines logger for Fastify's request log and Nest's own messages (docs/operations.md).
  const log = createRootLogger(config.logLevel, opts.logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: log,
    // A caller's (or a proxy's) X-Request-Id is kept when well-formed, else one is made; it is answered back.
    genReqId: (req: IncomingMessage) => requestIdFrom(req.headers['x-request-id']),
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: config.bodyLimitBytes,
    // Errors Fastify answers before any route or hook (a URL that cannot be decoded) leave in our shape too.
    frameworkErrors: (error: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
      const body: ApiErrorBody = {
        statusCode: 400,
        error: 'bad_request',
        message: 'Địa chỉ (URL) không hợp lệ.',
        messageEn: error.code === 'FST_ERR_BAD_URL' ? 'The URL cannot be decoded.' : 'Bad request.',
      };
      void reply.code(400).send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new JsonLogger(log),
    abortOnError: false,
    // JSON bodies go through our own parser (jsonBodies below), not Nest's.
    bodyParser: false,
  });
  requestContext(app);
  registerMetrics(app, config);
  await securityHeaders(app);
  jsonBodies(app, config);
  await registerFileUploads(app, config.imports);
  await compressResponses(app);
  app.setGlobalPrefix('api');
  // No enableShutdownHooks: main.ts stops the HTTP server first, then closes the rest (graceful-shutdown.ts).
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

  const doc = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, doc, { ui: false, jsonDocumentUrl: 'api/docs-json' });
  await serveSwaggerUi(app);
  await registerBullBoard(app);

  await serveWeb(app, config);
  return app;
}

/** Every request runs in a context holding its id (log lines, enqueued jobs) and answers it in X-Request-Id. */
function requestContext(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    runWithRequestId(req.id, done);
  });
}

/**
 * The OpenAPI document of every route, as /api/docs-json serves it and `npm run openapi` writes it
 * to apps/api/openapi.json (from which the web client is generated).
 */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CCHC reporting API')
      .setDescription('Báo cáo cải cách hành chính: đơn vị theo mã chính thức, kỳ theo mã (2023, 2023S1, 2023Q1, 2023Q3).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    // Stable operation ids (Controller_method) keep the generated client readable.
    { operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}` },
  );
}

/**
 * JSON bodies through our parser (depth limit, no "__proto__"), so an abusive body is a 400 naming
 * the limit or the key rather than a 500 from whatever walks it later.
 */
function jsonBodies(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: config.bodyLimitBytes }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}

/**
 * Helmet's headers on every answer (the SPA, /api, errors and 404s alike), with a CSP the built web
 * app passes: no inline script anywhere; inline styles allowed because antd writes them at run time.
 */
async function securityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // No upgrade-insecure-requests: an intranet install on plain http would lose its own assets.
      },
    },
    // The SPA and the API are one origin; nothing needs to embed or be embedded cross-origin.
    crossOriginEmbedderPolicy: false,
  });
  // Bull Board's page pulls its font from Google Fonts: allowed there, and only there.
  const queuesCsp =
    "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline' https://fonts.googleapis.com;img-src 'self' data:;" +
    "connect-src 'self';font-src 'self' data: https://fonts.gstatic.com;object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (req, reply, payload) => {
      if (req.url.startsWith('/api/admin/queues')) void reply.header('content-security-policy', queuesCsp);
      return payload;
    });
}

/**
 * API answers (and anything else not already encoded) over COMPRESS_FROM_BYTES go out brotli or gzip,
 * as the client accepts: a 100 KB report is ~10 KB on a rural link. A body already encoded (the
 * summaries' stored gzip, a precompressed asset) is left alone, so their ETag reuse holds.
 */
async function compressResponses(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    threshold: COMPRESS_FROM_BYTES,
    encodings: ['br', 'gzip'],
    // Per request, speed matters more than the last few percent: quality 4 is ~gzip's cost for a smaller body.
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
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
<script src="/api/docs/init.js"></script></body></html>`;
  // A file, not an inline script: the CSP (script-src 'self') holds on /api/docs too.
  const init = `SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#ui', persistAuthorization: true });\n`;
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/api/docs', (_req, reply) => {
    void reply.type('text/html').send(html);
  });
  fastify.get('/api/docs/init.js', (_req, reply) => {
    void reply.type('application/javascript').send(init);
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
  await app.register(fastifyStatic, {
    root: config.webDist,
    prefix: '/',
    wildcard: false,
    // The build writes .br and .gz beside each asset: sent as the client accepts, never compressed per request.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', cacheControlFor(path.relative(config.webDist, filePath)));
      // The body depends on Accept-Encoding (br, gz or plain): caches between must keep them apart.
      res.setHeader('vary', 'Accept-Encoding');
    },
  });
  // SPA fallback as a catch-all GET route: Nest owns Fastify's not-found handler (setting it twice fails start-up).
  fastify.get('/*', (req, reply) => {
    // A missing file (a script, a style, an image) is a 404, not the page: a browser would try to run HTML as script.
    const pathname = req.url.split('?')[0];
    if (pathname.startsWith('/api') || pathname.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(pathname.slice(pathname.lastIndexOf('/')))) {
      void reply.status(404).send({ statusCode: 404, error: 'not_found', message: 'Không tìm thấy.', messageEn: 'Not found.' });
      return;
    }
    void reply.type('text/html').header('cache-control', INDEX_CACHE_CONTROL).send(fs.readFileSync(index));
  });
}
