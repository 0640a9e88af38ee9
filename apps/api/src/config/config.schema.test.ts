import { ConfigError, loadConfig } from './config.schema';

describe('configuration', () => {
  it('defaults to the embedded SQLite, in-process jobs and demo data', () => {
    const c = loadConfig({});
    expect(c.database.type).toBe('sqlite');
    expect(c.redisUrl).toBeNull();
    expect(c.demoMode).toBe(true);
    expect(c.port).toBe(3000);
    expect(c.jwtSecretGenerated).toBe(true);
  });

  it('ranks only fully covered units unless RANKING_MIN_COVERAGE says otherwise', () => {
    expect(loadConfig({}).rankingMinCoverage).toBe(1);
    expect(loadConfig({ RANKING_MIN_COVERAGE: '0.8' }).rankingMinCoverage).toBe(0.8);
    expect(loadConfig({ RANKING_MIN_COVERAGE: '0' }).rankingMinCoverage).toBe(0);
  });

  it('turns demo data off by default on MySQL', () => {
    const c = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/cchc', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(c.database).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/cchc' });
    expect(c.demoMode).toBe(false);
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ RUN_WORKERS: 'maybe' }, 'RUN_WORKERS'],
    [{ RANKING_MIN_COVERAGE: '1.5' }, 'RANKING_MIN_COVERAGE'],
    [{ RANKING_MIN_COVERAGE: 'all' }, 'RANKING_MIN_COVERAGE'],
  ])('rejects %j with one line naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as Error).message).toContain(variable);
      expect((e as Error).message).not.toContain('\n');
    }
  });
});
