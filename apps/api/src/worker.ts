import 'reflect-metadata';
import { createServer } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { closeGracefullyOnSignal } from './common/graceful-shutdown';
import { createRootLogger, JsonLogger } from './common/logging/json-logger';
import { ConfigError, loadConfigFromProcess } from './config/config.schema';
import { tokenMatches } from './modules/metrics/metrics.http';
import { MetricsService } from './modules/metrics/metrics.service';
import { WorkerModule } from './worker.module';

/** A worker process: no HTTP, only the job processors, sharing Redis and the database with the API. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfigFromProcess({ RUN_WORKERS: 'true' });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  if (!config.redisUrl) {
    console.error('Invalid configuration — REDIS_URL: a separate worker process needs Redis (without it jobs run inside the API)');
    process.exit(1);
  }
  const logger = new JsonLogger(createRootLogger(config.logLevel));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...config, migrateOnStart: false }), { logger });
  closeGracefullyOnSignal(app, config.shutdownTimeoutMs, logger);
  if (config.metricsPort > 0) {
    // The worker's own /metrics (job durations, queue depth, rollup lag), with the API's token when one is set.
    const metrics = app.get(MetricsService);
    const token = config.metricsToken;
    const server = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      if (token && !tokenMatches(req.headers.authorization, token)) return void res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      metrics.render().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        (e: Error) => res.writeHead(500).end(e.message),
      );
    });
    server.listen(config.metricsPort, config.host);
    server.unref();
  }
  logger.log(`worker ${process.pid} started (concurrency ${config.workerConcurrency})`, 'Worker');
}

main().catch((e: Error) => {
  console.error(`Worker start-up failed: ${e.message}`);
  process.exit(1);
});
