import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { closeGracefullyOnSignal } from './common/graceful-shutdown';
import { ConfigError, loadConfigFromProcess } from './config/config.schema';
import { BootstrapService } from './bootstrap/bootstrap.service';
import { DemoSeedService } from './bootstrap/demo-seed.service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfigFromProcess();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = new Logger('Main');
  if (config.jwtSecretGenerated) logger.warn('JWT_SECRET not set: using a random secret; tokens end with this process');
  const app = await createApp(config);
  await app.get(BootstrapService).prepare();
  await app.listen({ port: config.port, host: config.host });
  closeGracefullyOnSignal(app, config.shutdownTimeoutMs, logger);
  // Only accounts that exist: the two-tier demo has no district, so no huyen.* to invite.
  const accounts = config.demoMode ? await app.get(DemoSeedService).loginHints() : [];
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.log(
    `CCHC ready at http://${shown}:${config.port}/ (API http://${shown}:${config.port}/api, docs /api/docs) — database: ${config.database.type}` +
      (config.demoMode ? `, demo data on (tree ${config.demoTree}): log in as ${accounts.join(' / ')} with password "${config.demoPassword}"` : ''),
  );
}

main().catch((e: Error) => {
  // One line, not a stack trace loop: the usual causes are an unreachable database or a taken port.
  console.error(`Start-up failed: ${e.message}`);
  process.exit(1);
});
