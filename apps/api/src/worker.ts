import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfigFromProcess } from './config/config.schema';
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
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...config, migrateOnStart: false }), {
    logger: ['fatal', 'error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  new Logger('Worker').log(`worker ${process.pid} started (concurrency ${config.workerConcurrency})`);
}

main().catch((e: Error) => {
  console.error(`Worker start-up failed: ${e.message}`);
  process.exit(1);
});
