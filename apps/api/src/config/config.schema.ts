import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_RANKING_MIN_COVERAGE } from '@cchc/shared';

/** Repo root, resolved from the compiled file (apps/api/dist/config) or the source (apps/api/src/config). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? def : ['true', '1', 'yes'].includes(v)));

const int = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional().transform((v) => v ?? def);

const rawSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(3000, 1, 65535),
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\/.+/, 'must be mysql://user:pass@host:port/db (leave unset for the embedded SQLite)')
    .optional(),
  // MySQL connections per process. A request or job may read on several at once: a small pool is slower, never stuck
  // (no transaction waits for a second connection; a guard in the tests keeps it so).
  DATABASE_POOL_SIZE: int(20, 2, 500),
  SQLITE_PATH: z.string().min(1).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, 'must be redis://host:port[/db]').optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL: z.string().regex(/^\d+[smhd]$/, 'must look like 30m, 1h, 900s').default('30m'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_MODE: bool(false).optional(),
  DEMO_PASSWORD: z.string().min(1).default('demo'),
  DEMO_TREE: z.enum(['2024', '2025'], { message: 'must be 2024 (three tiers, the default) or 2025 (two tiers, with the 2024 history)' }).default('2024'),
  RUN_WORKERS: bool(true),
  WORKER_CONCURRENCY: int(4, 1, 64),
  DB_MIGRATE_ON_START: bool(true),
  ROLLUP_BASIS: z.enum(['approved', 'submitted']).default('approved'),
  RANKING_MIN_COVERAGE: z.coerce.number().min(0).max(1).optional().transform((v) => v ?? DEFAULT_RANKING_MIN_COVERAGE),
  RECONCILE_INTERVAL_MS: int(15000, 0, 3_600_000),
  ENQUEUE_TIMEOUT_MS: int(2000, 100, 600_000),
  // Dirty sibling units from which one batched rollup pass replaces their single passes; 0 = never batch.
  ROLLUP_BATCH_MIN: int(4, 0, 100_000),
  WEB_DIST: z.string().optional(),
  UNITS_FILE: z.string().optional(),
  UNITS_FILES: z.string().optional(),
  LINEAGE_FILE: z.string().optional(),
  // Login attempts per IP per minute, failed or not: generous, one office shares one address.
  LOGIN_THROTTLE_LIMIT: int(60, 1, 10_000),
  // Failed logins per IP per 15 minutes before that IP must wait.
  LOGIN_IP_FAILURE_LIMIT: int(50, 1, 100_000),
  // Failed logins of one username before it is locked; each further failure doubles the lock.
  LOGIN_USER_FAILURE_THRESHOLD: int(5, 1, 1000),
  LOGIN_LOCKOUT_BASE_SECONDS: int(30, 1, 3600),
  LOGIN_LOCKOUT_MAX_SECONDS: int(900, 1, 86_400),
  // How long a request may trust a cached account state (active, role, unit, token version): 5 s at most.
  AUTH_CACHE_TTL_MS: int(5000, 0, 5000),
  // How long /api/health reuses its last dependency checks, so a load balancer's polling cannot hammer the database.
  HEALTH_CACHE_TTL_MS: int(1000, 0, 10_000),
  BODY_LIMIT_BYTES: int(1_048_576, 1024, 50 * 1_048_576),
  // Prometheus: /metrics answers only with this bearer token (unset: no /metrics). METRICS_PORT: the worker's own /metrics.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_PORT: int(0, 0, 65535),
  // How long SIGTERM waits for in-flight requests and running jobs before the process exits anyway.
  SHUTDOWN_TIMEOUT_MS: int(25_000, 1000, 600_000),
  BACKUP_DIR: z.string().min(1).optional(),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('cchc'),
  // Import limits, sized for a national file (10,600 communes × ~160 columns: ~20 MB CSV, ~70 MB of sheet XML).
  IMPORT_MAX_BYTES: int(40 * 1_048_576, 1024, 512 * 1_048_576),
  IMPORT_MAX_UNZIPPED_BYTES: int(200 * 1_048_576, 1024, 2048 * 1_048_576),
  IMPORT_MAX_ROWS: int(20_000, 10, 1_000_000),
  IMPORT_MAX_COLUMNS: int(500, 10, 16_384),
  IMPORT_MAX_CELL_CHARS: int(1_000, 10, 32_767),
  // Notices by e-mail: smtp://user:pass@host:port (smtps:// for TLS); unset → in-app notices only.
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, 'must be smtp://[user:pass@]host:port or smtps://…').optional(),
  MAIL_FROM: z.string().min(3).default('CCHC <no-reply@cchc.local>'),
  // Days before a deadline on which officers of units that have not submitted are reminded (a period may set its own).
  REMINDER_DAYS: z.string().regex(/^\d{1,3}(,\d{1,3})*$/, 'must be a comma list of days, e.g. 7,2').default('7,2'),
  // How often the reminders pass runs (each pass sends at most one reminder per unit per day); 0 = never.
  REMINDER_INTERVAL_MS: int(3_600_000, 0, 86_400_000),
  // After the deadline, daily reminders stop this many days later.
  REMINDER_MAX_DAYS_AFTER: int(60, 0, 3650),
  // A reviewer gets this many "submitted" e-mails a day one by one; the rest come in the next day's digest.
  NOTICE_DIGEST_AFTER: int(3, 0, 1000),
  // PAR evidence files: a local directory (content-addressed) or an S3-compatible bucket for several API machines.
  PAR_EVIDENCE_DRIVER: z.enum(['local', 's3'], { message: 'must be local (a directory) or s3 (an S3-compatible bucket)' }).default('local'),
  PAR_EVIDENCE_DIR: z.string().min(1).optional(),
  PAR_EVIDENCE_MAX_BYTES: int(10 * 1_048_576, 1024, 200 * 1_048_576),
  PAR_S3_ENDPOINT: z.string().regex(/^https?:\/\/.+/, 'must be http(s)://host[:port]').optional(),
  PAR_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
  PAR_S3_REGION: z.string().min(1).default('us-east-1'),
  PAR_S3_ACCESS_KEY: z.string().min(1).optional(),
  PAR_S3_SECRET_KEY: z.string().min(1).optional(),
});

export type DemoTree = '2024' | '2025';

/** What DEMO_TREE=2025 loads unless UNITS_FILE(S) / LINEAGE_FILE say otherwise: both trees, then the lineage. */
const DEMO_2025_UNITS = ['data/reference/vn-admin-units-2024.json', 'data/reference/vn-admin-units-2025.json'];
const DEMO_2025_LINEAGE = 'data/reference/vn-admin-lineage-2025.json';

export type DatabaseConfig =
  | { type: 'mysql'; url: string; poolSize?: number }
  | { type: 'sqlite'; path: string };

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: DatabaseConfig;
  redisUrl: string | null;
  jwtSecret: string;
  jwtSecretGenerated: boolean;
  jwtTtl: string;
  logLevel: string;
  demoMode: boolean;
  demoPassword: string;
  /** Which demo: the three-tier 2024 tree, or the two-tier 2025 tree with the 2024 tree and the lineage as history. */
  demoTree: DemoTree;
  runWorkers: boolean;
  workerConcurrency: number;
  migrateOnStart: boolean;
  rollupBasis: 'approved' | 'submitted';
  /** Share (0–1) of its communes a unit must have scored to be ranked among its siblings. */
  rankingMinCoverage: number;
  reconcileIntervalMs: number;
  /** How long an enqueue may wait for Redis before the caller falls back on its outbox. */
  enqueueTimeoutMs: number;
  /** Dirty siblings from which one batched rollup pass replaces their single passes (0: never). */
  rollupBatchMin: number;
  webDist: string;
  unitsFile: string;
  /** The trees loaded into an empty database, in order: UNITS_FILES, else the single UNITS_FILE. */
  unitsFiles: string[];
  /** Lineage old → new loaded after the trees; null when not configured. */
  lineageFile: string | null;
  loginThrottleLimit: number;
  loginIpFailureLimit: number;
  loginUserFailureThreshold: number;
  loginLockoutBaseSeconds: number;
  loginLockoutMaxSeconds: number;
  authCacheTtlMs: number;
  healthCacheTtlMs: number;
  bodyLimitBytes: number;
  queuePrefix: string;
  /** Bearer token of /metrics; null: metrics are not served. */
  metricsToken: string | null;
  /** A worker process serves its own /metrics on this port (0: none). */
  metricsPort: number;
  /** Where `npm run backup` writes its archives. */
  backupDir: string;
  /** Bound of a graceful stop (SIGTERM): in-flight requests and running jobs get this long. */
  shutdownTimeoutMs: number;
  imports: ImportLimits;
  notices: NoticesConfig;
  parEvidence: ParEvidenceConfig;
}

export interface NoticesConfig {
  /** null: in-app only. */
  smtpUrl: string | null;
  mailFrom: string;
  reminderDays: number[];
  reminderIntervalMs: number;
  reminderMaxDaysAfter: number;
  digestAfter: number;
}

/** Where PAR evidence files live; the S3 fields are required (validated here) only for the s3 driver. */
export type ParEvidenceConfig =
  | { driver: 'local'; dir: string; maxBytes: number }
  | { driver: 's3'; maxBytes: number; endpoint: string; bucket: string; region: string; accessKey: string; secretKey: string };

/** What one import file may hold; past any of these the file is refused before anything is written. */
export interface ImportLimits {
  /** The request body as sent (an XLSX file is compressed). */
  maxBytes: number;
  /** All entries of an XLSX file once unzipped. */
  maxUnzippedBytes: number;
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
}

export class ConfigError extends Error {}

/** Validates an environment once; the message names each bad variable on one line. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = rawSchema.safeParse(cleaned);
  if (!parsed.success) {
    const parts = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration — ${parts.join('; ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError('Invalid configuration — JWT_SECRET: required in production (at least 32 characters)');
  }
  const s3Missing = (['PAR_S3_ENDPOINT', 'PAR_S3_BUCKET', 'PAR_S3_ACCESS_KEY', 'PAR_S3_SECRET_KEY'] as const).filter((k) => !e[k]);
  if (e.PAR_EVIDENCE_DRIVER === 's3' && s3Missing.length) {
    throw new ConfigError(`Invalid configuration — ${s3Missing.map((k) => `${k}: required when PAR_EVIDENCE_DRIVER=s3`).join('; ')}`);
  }
  const parEvidence: ParEvidenceConfig =
    e.PAR_EVIDENCE_DRIVER === 's3'
      ? {
          driver: 's3',
          maxBytes: e.PAR_EVIDENCE_MAX_BYTES,
          endpoint: e.PAR_S3_ENDPOINT!,
          bucket: e.PAR_S3_BUCKET!,
          region: e.PAR_S3_REGION,
          accessKey: e.PAR_S3_ACCESS_KEY!,
          secretKey: e.PAR_S3_SECRET_KEY!,
        }
      : { driver: 'local', dir: path.resolve(REPO_ROOT, e.PAR_EVIDENCE_DIR ?? 'data/par-evidence'), maxBytes: e.PAR_EVIDENCE_MAX_BYTES };
  const unitsFile = path.resolve(REPO_ROOT, e.UNITS_FILE ?? 'data/reference/vn-admin-units-2024.json');
  const twoTier = e.DEMO_TREE === '2025';
  // Each demo tree has its own default file, so switching DEMO_TREE never finds the other demo's data.
  const database: DatabaseConfig = e.DATABASE_URL
    ? { type: 'mysql', url: e.DATABASE_URL.replace(/^mariadb:/, 'mysql:'), poolSize: e.DATABASE_POOL_SIZE }
    : { type: 'sqlite', path: path.resolve(REPO_ROOT, e.SQLITE_PATH ?? (twoTier ? 'data/cchc-2025.sqlite' : 'data/cchc.sqlite')) };
  const explicitUnits = e.UNITS_FILES !== undefined || e.UNITS_FILE !== undefined;
  const unitsFiles = e.UNITS_FILES
    ? e.UNITS_FILES.split(',').map((f) => f.trim()).filter(Boolean)
    : twoTier && !explicitUnits
      ? DEMO_2025_UNITS
      : [unitsFile];
  const lineageFile = e.LINEAGE_FILE ?? (twoTier && !explicitUnits ? DEMO_2025_LINEAGE : undefined);
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database,
    redisUrl: e.REDIS_URL ?? null,
    jwtSecret: e.JWT_SECRET ?? randomBytes(32).toString('hex'),
    jwtSecretGenerated: !e.JWT_SECRET,
    jwtTtl: e.JWT_TTL,
    logLevel: e.LOG_LEVEL,
    // Demo data is the default only on the embedded database, never silently on MySQL.
    demoMode: e.DEMO_MODE ?? database.type === 'sqlite',
    demoPassword: e.DEMO_PASSWORD,
    demoTree: e.DEMO_TREE,
    runWorkers: e.RUN_WORKERS,
    workerConcurrency: e.WORKER_CONCURRENCY,
    migrateOnStart: e.DB_MIGRATE_ON_START,
    rollupBasis: e.ROLLUP_BASIS,
    rankingMinCoverage: e.RANKING_MIN_COVERAGE,
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
    enqueueTimeoutMs: e.ENQUEUE_TIMEOUT_MS,
    rollupBatchMin: e.ROLLUP_BATCH_MIN,
    webDist: path.resolve(REPO_ROOT, e.WEB_DIST ?? 'apps/web/dist'),
    unitsFile,
    unitsFiles: unitsFiles.map((f) => path.resolve(REPO_ROOT, f)),
    lineageFile: lineageFile ? path.resolve(REPO_ROOT, lineageFile) : null,
    loginThrottleLimit: e.LOGIN_THROTTLE_LIMIT,
    loginIpFailureLimit: e.LOGIN_IP_FAILURE_LIMIT,
    loginUserFailureThreshold: e.LOGIN_USER_FAILURE_THRESHOLD,
    loginLockoutBaseSeconds: e.LOGIN_LOCKOUT_BASE_SECONDS,
    loginLockoutMaxSeconds: Math.max(e.LOGIN_LOCKOUT_MAX_SECONDS, e.LOGIN_LOCKOUT_BASE_SECONDS),
    authCacheTtlMs: e.AUTH_CACHE_TTL_MS,
    healthCacheTtlMs: e.HEALTH_CACHE_TTL_MS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    queuePrefix: e.QUEUE_PREFIX,
    notices: {
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM,
      reminderDays: [...new Set(e.REMINDER_DAYS.split(',').map(Number))].sort((a, b) => b - a),
      reminderIntervalMs: e.REMINDER_INTERVAL_MS,
      reminderMaxDaysAfter: e.REMINDER_MAX_DAYS_AFTER,
      digestAfter: e.NOTICE_DIGEST_AFTER,
    },
    metricsToken: e.METRICS_TOKEN ?? null,
    metricsPort: e.METRICS_PORT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    backupDir: path.resolve(REPO_ROOT, e.BACKUP_DIR ?? 'backups'),
    imports: {
      maxBytes: e.IMPORT_MAX_BYTES,
      maxUnzippedBytes: e.IMPORT_MAX_UNZIPPED_BYTES,
      maxRows: e.IMPORT_MAX_ROWS,
      maxColumns: e.IMPORT_MAX_COLUMNS,
      maxCellChars: e.IMPORT_MAX_CELL_CHARS,
    },
    parEvidence,
  };
}

/** The one place that reads process.env. */
export function loadConfigFromProcess(overrides: Record<string, string | undefined> = {}): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}

/** Where the integration tests find the real MariaDB and Redis (defaults: the machine's own). */
export function testInfraFromProcess(): { mysqlUrl: string; redisUrl: string } {
  return {
    mysqlUrl: process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306',
    redisUrl: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  };
}
