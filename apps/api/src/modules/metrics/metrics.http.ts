import { timingSafeEqual } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { MetricsService } from './metrics.service';

/**
 * Times every request into the histogram, and counts refused logins and import durations from the
 * answers of their routes (so the auth and import modules need not know about metrics).
 */
export function observeRequests(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
    // The route pattern keeps the label set bounded; a request no route matched is one label.
    const route = req.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    const status = reply.statusCode;
    metrics.observeRequest(req.method, route, status, seconds);
    if (route === '/api/auth/login' && req.method === 'POST') {
      if (status === 401) metrics.loginRefused('invalid_credentials');
      else if (status === 429) metrics.loginRefused('throttled');
    } else if (route === '/api/imports/:unitCode/:period' && req.method === 'POST') {
      const dryRun = (req.query as Record<string, unknown> | undefined)?.['dryRun'] === 'true';
      metrics.observeImport(status >= 400 ? 'refused' : dryRun ? 'dry_run' : 'import', seconds);
    }
  });
}

/** Constant-time comparison of a presented bearer token with the configured one. */
export function tokenMatches(authorization: string | undefined, expected: string): boolean {
  const m = /^Bearer (.+)$/.exec(authorization ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /metrics for Prometheus: only when METRICS_TOKEN is set, and only with that bearer token. */
export function serveMetrics(fastify: FastifyInstance, metrics: MetricsService, token: string): void {
  fastify.get('/metrics', async (req, reply) => {
    if (!tokenMatches(req.headers.authorization, token)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .send({ statusCode: 401, error: 'unauthorized', message: 'Cần mã truy cập số liệu giám sát (METRICS_TOKEN).', messageEn: 'The metrics token (METRICS_TOKEN) is required.' });
    }
    const { contentType, body } = await metrics.render();
    return reply.type(contentType).send(body);
  });
}

/** The API's side: time every request; expose /metrics when a token is configured (off otherwise: 404). */
export function registerMetrics(app: NestFastifyApplication, config: AppConfig): void {
  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  observeRequests(fastify, metrics);
  if (config.metricsToken) serveMetrics(fastify, metrics, config.metricsToken);
}
