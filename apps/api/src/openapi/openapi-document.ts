import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildOpenApiDocument, createApp } from '../app.factory';
import { loadConfig, REPO_ROOT } from '../config/config.schema';

/** Where the committed contract lives; the web client is generated from it. */
export const OPENAPI_FILE = path.join(REPO_ROOT, 'apps/api/openapi.json');

/**
 * Builds the OpenAPI document without MySQL or Redis: the app on a throw-away SQLite file and the
 * in-process queue, never initialised (no migrations, no workers), so it runs anywhere `npm ci` did.
 */
export async function generateOpenApiDocument(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-openapi-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    SQLITE_PATH: path.join(dir, 'openapi.sqlite'),
    JWT_SECRET: 'openapi-document-only-openapi-document-only',
    LOG_LEVEL: 'silent',
    RUN_WORKERS: 'false',
    DB_MIGRATE_ON_START: 'false',
    DEMO_MODE: 'false',
    RECONCILE_INTERVAL_MS: '0',
    WEB_DIST: path.join(dir, 'no-web'),
  });
  const app = await createApp(config);
  try {
    return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
