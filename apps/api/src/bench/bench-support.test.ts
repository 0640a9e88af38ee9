import IORedis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { testInfraFromProcess } from '../config/config.schema';
import { CpuMeter, RoundTripMeter, databaseServerPid, processCpuMs, redisServerPid } from './bench-support';

/** The benches' CPU figures (Linux /proc), which explain their throughput ceilings. */
describe('processCpuMs and CpuMeter', () => {
  const spin = (ms: number) => {
    const end = Date.now() + ms;
    let x = 0;
    while (Date.now() < end) x += Math.sqrt(x + 1);
    return x;
  };

  it('reads a live process and grows with its work; a missing process is null', () => {
    const before = processCpuMs(process.pid);
    expect(before).not.toBeNull();
    spin(150);
    expect(processCpuMs(process.pid)!).toBeGreaterThan(before!);
    expect(processCpuMs(2 ** 30)).toBeNull();
  });

  it('charges each role its own processes, this one as self, and marks an unreadable role null', () => {
    const meter = new CpuMeter({ me: [process.pid], gone: [2 ** 30] });
    spin(150);
    const cpu = meter.read();
    expect(cpu['self']).toBeGreaterThan(0);
    expect(cpu['me']).toBeGreaterThan(0);
    expect(cpu['gone']).toBeNull();
  });

  it('finds the local database server the integration tests use', () => {
    const pid = databaseServerPid();
    expect(pid).not.toBeNull();
    expect(processCpuMs(pid!)).not.toBeNull();
  });

  it('finds the local Redis server the queue tests use', () => {
    const pid = redisServerPid();
    expect(pid).not.toBeNull();
    expect(processCpuMs(pid!)).not.toBeNull();
  });
});

/** The rollup bench's round trips, read from the real servers' counters (other clients may add to them, never take away). */
describe('RoundTripMeter', () => {
  const infra = testInfraFromProcess();

  it('counts the statements and Redis commands run since it started', async () => {
    const sql = await createConnection({ uri: infra.mysqlUrl });
    const redis = new IORedis(infra.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const meter = await RoundTripMeter.start(sql, redis);
      for (let i = 0; i < 5; i++) await sql.query('SELECT 1');
      for (let i = 0; i < 7; i++) await redis.ping();
      const trips = await meter.read();
      expect(trips.statements).toBeGreaterThanOrEqual(5);
      expect(trips.redisCommands).toBeGreaterThanOrEqual(7);
    } finally {
      await sql.end();
      redis.disconnect();
    }
  });
});
