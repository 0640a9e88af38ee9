import * as fs from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { TEMPLATE_2023, type IndicatorNode } from '@cchc/shared';
import { loadConfig, testInfraFromProcess, type AppConfig } from '../config/config.schema';
import { reportRow } from '../modules/reports/new-draft-report';
import { ReportStore } from '../modules/reports/report.store';

/** What every benchmark shares: its own database, a production-like config, synthetic reports seeded through the report store. */

export const BENCH_PASSWORD = 'bench-password';
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
/** Commune reports per `insertSeed` call: bounds the memory of a national seed. */
const SEED_SLICE = 1000;

/** Production mode without workers, the reconciler or the web app (not what is measured); `extra` adds or overrides variables. */
export function benchConfig(url: string, extra: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'error',
    RUN_WORKERS: 'false',
    RECONCILE_INTERVAL_MS: '0',
    DEMO_MODE: 'false',
    WEB_DIST: '/nonexistent/cchc-bench-web',
    ...extra,
  });
}

/** Runs `bench` on a fresh MariaDB database `cchc_bench_<kind>_<pid>` (its URL given) and drops it afterwards, whatever happens. */
export async function withBenchDatabase<T>(kind: string, bench: (url: string) => Promise<T>): Promise<T> {
  const root = testInfraFromProcess().mysqlUrl.replace(/\/$/, '');
  const name = `cchc_bench_${kind}_${process.pid}`;
  const conn = await createConnection(root);
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return await bench(`${root}/${name}`);
  } finally {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.end();
  }
}

/** Deterministic, valid values for the given indicators (every commune-level one: a full commune report). */
export function syntheticCommuneValues(seed: number, nodes: IndicatorNode[]): Record<string, number> {
  const out: Record<string, number> = {};
  nodes.forEach((n, i) => {
    const h = (seed * 7919 + i * 104729) % 997;
    out[n.code] =
      n.valueType === 'percent' ? 40 + (h % 600) / 10
      : n.valueType === 'yesno' ? h % 2
      : n.valueType === 'choice' ? (n.options?.[h % n.options.length]?.value ?? 0)
      : n.valueType === 'decimal' ? h / 4
      : h % 200;
  });
  return out;
}

/**
 * One approved report per commune, through the report store's seed path in slices (the benches
 * write the report tables no other way than the application does). Report ids by unit code.
 */
export async function seedApprovedReports(
  app: INestApplicationContext,
  communes: Array<{ code: string; path: string }>,
  periodId: string,
  valuesOf: (index: number) => Record<string, number>,
): Promise<{ ids: Map<string, number>; values: number }> {
  const store = app.get(ReportStore);
  const ids = new Map<string, number>();
  const now = new Date();
  let values = 0;
  for (let i = 0; i < communes.length; i += SEED_SLICE) {
    const slice = communes.slice(i, i + SEED_SLICE).map((c, k) => ({ row: reportRow(c, periodId, TEMPLATE_2023.version, 'approved', 'bench', now), values: valuesOf(i + k) }));
    const got = await app.get(DataSource).transaction((em) => store.insertSeed(em, slice));
    for (const [key, id] of got) ids.set(key.split('/')[0], id);
    values += slice.reduce((n, r) => n + Object.keys(r.values).length, 0);
  }
  return { ids, values };
}

export function numberArg(name: string, def: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : def;
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

/**
 * CPU time (user + system, ms) of some processes, read from Linux's /proc (USER_HZ is 100 there);
 * null where it cannot be read (another OS, a process that has exited, a server owned by another user).
 */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The pid of the first local process named one of `names` (its /proc comm) that this process may read, else null. */
function localServerPid(names: string[]): number | null {
  try {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (names.includes(comm)) return Number(entry);
    }
  } catch {
    // Not Linux, or /proc not readable.
  }
  return null;
}

/** The pid of the local database server (mariadbd or mysqld), when this machine runs one this process may read. */
export function databaseServerPid(): number | null {
  return localServerPid(['mariadbd', 'mysqld']);
}

/** The pid of the local Redis server: the queue's CPU, on a machine where it shares the cores. */
export function redisServerPid(): number | null {
  return localServerPid(['redis-server']);
}

/**
 * What a timed phase cost in CPU, by role (this process, the database server, the API or worker
 * processes): on a machine whose cores are all busy, the sum over the cores is the shortest the phase
 * could take, and per operation it shows which process a faster figure would have to come from.
 */
export class CpuMeter {
  private readonly start = new Map<string, number | null>();
  private readonly selfStart = process.cpuUsage();

  constructor(private readonly roles: Record<string, number[]>) {
    for (const [role, pids] of Object.entries(roles)) this.start.set(role, sumCpu(pids));
  }

  /** CPU ms each role used since the meter was made (`self` is this process); null where unreadable. */
  read(): Record<string, number | null> {
    const self = process.cpuUsage(this.selfStart);
    const out: Record<string, number | null> = { self: Math.round((self.user + self.system) / 1000) };
    for (const [role, pids] of Object.entries(this.roles)) {
      const now = sumCpu(pids);
      const then = this.start.get(role) ?? null;
      out[role] = now === null || then === null ? null : now - then;
    }
    return out;
  }
}

function sumCpu(pids: number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms === null) return null;
    total += ms;
  }
  return total;
}

/** Something that answers SQL (a mysql2 connection) and something that answers Redis commands (ioredis). */
interface SqlPeer {
  query(sql: string): Promise<unknown>;
}
interface RedisPeer {
  info(section: string): Promise<string>;
}

/**
 * Statements MariaDB answered and, given a Redis peer, commands Redis ran during a timed phase, from the
 * servers' own counters (every client's, so a bench's own polling is counted too). A statement is a round
 * trip, whose socket writes and wake-ups cost CPU on both sides however little it carries.
 */
export class RoundTripMeter {
  private constructor(
    private readonly sql: SqlPeer,
    private readonly redis: RedisPeer | null,
    private readonly start: { statements: number; redisCommands: number | null },
  ) {}

  static async start(sql: SqlPeer, redis: RedisPeer | null = null): Promise<RoundTripMeter> {
    return new RoundTripMeter(sql, redis, await RoundTripMeter.counters(sql, redis));
  }

  private static async counters(sql: SqlPeer, redis: RedisPeer | null): Promise<{ statements: number; redisCommands: number | null }> {
    const [rows] = (await sql.query("SHOW GLOBAL STATUS LIKE 'Questions'")) as [Array<{ Value: string }>];
    const info = redis ? await redis.info('stats') : null;
    return { statements: Number(rows[0]?.Value ?? 0), redisCommands: info === null ? null : Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0) };
  }

  /** Statements and Redis commands (null without a Redis peer) since `start`, less the meter's own reads. */
  async read(): Promise<{ statements: number; redisCommands: number | null }> {
    const now = await RoundTripMeter.counters(this.sql, this.redis);
    // Each server counts one of the meter's two reads in the difference (MariaDB the second SHOW, Redis the first INFO).
    const redisCommands = now.redisCommands === null || this.start.redisCommands === null ? null : now.redisCommands - this.start.redisCommands - 1;
    return { statements: now.statements - this.start.statements - 1, redisCommands };
  }
}
