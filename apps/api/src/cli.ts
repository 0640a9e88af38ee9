import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ApiError, ApiErrorBody } from './common/api-error';
import { BootstrapService } from './bootstrap/bootstrap.service';
import { DemoSeedService } from './bootstrap/demo-seed.service';
import { ConfigError, loadConfigFromProcess } from './config/config.schema';
import { UnitsLoaderService } from './modules/units/units-loader.service';
import { backup, restore, verifyBackup } from './ops/backup';
import { LineageLoaderService } from './modules/lineage/lineage-loader.service';
import { UsersService } from './modules/users/users.service';
import { JobQueueService } from './queue/queue.service';

const USAGE = `usage: node dist/cli.js <command>
  migrate                         run pending migrations
  migrate:revert                  revert the last migration
  load-units [file...]            load official unit trees (default: UNITS_FILES, else UNITS_FILE)
  load-lineage [file]             load the lineage old → new after both trees (default: LINEAGE_FILE)
  seed-demo                       load units, periods, demo accounts and demo reports (DEMO_TREE: 2024 or 2025)
  create-admin <username> <password> [display name]   create the first administrator
  backup [dir]                    dump the database (+ EVIDENCE_DIR) into one dated .tar.gz with a .sha256 (default dir: BACKUP_DIR)
  verify-backup <file>            check an archive against its .sha256 and print its manifest
  restore <file> [--force]        restore an archive into the configured, empty database (--force: even if not empty)`;

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (!command || command === '--help') {
    console.log(USAGE);
    return;
  }
  const config = loadConfigFromProcess({ RUN_WORKERS: 'false' });
  // These work on the database as it is: no Nest app, which would run migrations first.
  if (command === 'backup') {
    const r = await backup(config, args[0]);
    const rows = Object.values(r.manifest.tables).reduce((a, b) => a + b, 0);
    console.log(`backup written: ${r.file} (sha256 ${r.sha256}; ${Object.keys(r.manifest.tables).length} tables, ${rows} rows${r.manifest.evidence ? ', evidence files' : ''})`);
    return;
  }
  if (command === 'verify-backup' || command === 'restore') {
    const file = args.find((a) => !a.startsWith('--'));
    if (!file) throw new Error(`${command} needs <file>`);
    const m = command === 'restore' ? await restore(config, file, { force: args.includes('--force') }) : await verifyBackup(file);
    console.log(`${command === 'restore' ? 'restored' : 'checksum ok'}: ${file} (made ${m.createdAt}, ${m.database}, ${Object.keys(m.tables).length} tables)`);
    if (command === 'restore') console.log('next: npm run db:migrate if this release is newer than the backup');
    return;
  }
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...config, migrateOnStart: command !== 'migrate:revert', reconcileIntervalMs: 0 }),
    { logger: ['fatal', 'error', 'warn'] },
  );
  try {
    switch (command) {
      case 'migrate':
        console.log('migrations are up to date');
        break;
      case 'migrate:revert':
        await app.get(DataSource).undoLastMigration();
        console.log('reverted the last migration');
        break;
      case 'load-units': {
        for (const r of await app.get(UnitsLoaderService).loadFiles(args.length ? args : config.unitsFiles)) {
          console.log(`${r.total} units: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged`);
        }
        break;
      }
      case 'load-lineage': {
        const file = args[0] ?? config.lineageFile;
        if (!file) throw new Error('load-lineage needs a file (or LINEAGE_FILE)');
        const r = await app.get(LineageLoaderService).loadFile(file);
        console.log(`lineage: ${r.edges.total} edges (${r.edges.inserted} inserted, ${r.edges.updated} updated, ${r.edges.deleted} deleted), ${r.unmatched.total} unmatched, ${r.skipped} skipped`);
        console.log('Administrative data provided by VietMap');
        break;
      }
      case 'seed-demo':
        await app.get(BootstrapService).loadUnitsIfEmpty();
        await app.get(DemoSeedService).seed();
        await app.get(JobQueueService).drain();
        console.log('demo data loaded');
        break;
      case 'create-admin': {
        const [username, password, ...name] = args;
        if (!username || !password) throw new Error('create-admin needs <username> <password>');
        const u = await app.get(UsersService).create({
          username,
          password,
          displayName: name.join(' ') || 'Quản trị hệ thống',
          roles: ['administrator'],
          unitCode: null,
        });
        console.log(`administrator "${u.username}" created`);
        break;
      }
      default:
        console.error(`unknown command "${command}"\n${USAGE}`);
        process.exitCode = 2;
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).catch((e: Error) => {
  // An ApiError (e.g. the password policy refusing create-admin's password) says why in both languages.
  const body = e instanceof ApiError ? (e.getResponse() as ApiErrorBody) : null;
  console.error(e instanceof ConfigError ? e.message : body ? `Failed: ${body.message} (${body.messageEn})` : `Failed: ${e.message}`);
  process.exit(1);
});
