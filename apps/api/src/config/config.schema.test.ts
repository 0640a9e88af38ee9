import { ConfigError, loadConfig } from './config.schema';

describe('configuration', () => {
  it('keeps PAR evidence in a local directory by default; the s3 driver names each missing setting', () => {
    const def = loadConfig({});
    expect(def.parEvidence).toMatchObject({ driver: 'local', maxBytes: 10 * 1_048_576 });
    expect(def.parEvidence.driver === 'local' && def.parEvidence.dir.endsWith('data/par-evidence')).toBe(true);
    expect(() => loadConfig({ PAR_EVIDENCE_DRIVER: 's3', PAR_S3_BUCKET: 'chung-cu' })).toThrow(
      'PAR_S3_ENDPOINT: required when PAR_EVIDENCE_DRIVER=s3; PAR_S3_ACCESS_KEY: required when PAR_EVIDENCE_DRIVER=s3; PAR_S3_SECRET_KEY: required when PAR_EVIDENCE_DRIVER=s3',
    );
    const s3 = loadConfig({ PAR_EVIDENCE_DRIVER: 's3', PAR_S3_ENDPOINT: 'http://127.0.0.1:9000', PAR_S3_BUCKET: 'minh-chung', PAR_S3_ACCESS_KEY: 'k', PAR_S3_SECRET_KEY: 's' });
    expect(s3.parEvidence).toMatchObject({ driver: 's3', bucket: 'minh-chung', region: 'us-east-1' });
  });

  it('defaults to the embedded SQLite, in-process jobs and demo data', () => {
    const c = loadConfig({});
    expect(c.database.type).toBe('sqlite');
    expect(c.redisUrl).toBeNull();
    expect(c.demoMode).toBe(true);
    expect(c.port).toBe(3000);
    expect(c.jwtSecretGenerated).toBe(true);
  });

  it('ranks a unit once 40 % of its communes are scored unless RANKING_MIN_COVERAGE says otherwise', () => {
    expect(loadConfig({}).rankingMinCoverage).toBe(0.4);
    expect(loadConfig({ RANKING_MIN_COVERAGE: '1' }).rankingMinCoverage).toBe(1);
    expect(loadConfig({ RANKING_MIN_COVERAGE: '0.8' }).rankingMinCoverage).toBe(0.8);
    expect(loadConfig({ RANKING_MIN_COVERAGE: '0' }).rankingMinCoverage).toBe(0);
  });

  it('turns demo data off by default on MySQL', () => {
    const c = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/cchc', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(c.database).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/cchc', poolSize: 20 });
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/cchc', DATABASE_POOL_SIZE: '5' }).database).toMatchObject({ poolSize: 5 });
    expect(c.demoMode).toBe(false);
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('keeps the three-tier demo by default; DEMO_TREE=2025 loads both trees and the lineage into a file of its own', () => {
    const def = loadConfig({});
    expect(def.demoTree).toBe('2024');
    expect(def.unitsFiles.map((f) => f.split('/').pop())).toEqual(['vn-admin-units-2024.json']);
    expect(def.lineageFile).toBeNull();
    expect(def.database).toMatchObject({ path: expect.stringMatching(/data\/cchc\.sqlite$/) });
    const two = loadConfig({ DEMO_TREE: '2025' });
    expect(two.demoTree).toBe('2025');
    expect(two.unitsFiles.map((f) => f.split('/').pop())).toEqual(['vn-admin-units-2024.json', 'vn-admin-units-2025.json']);
    expect(two.lineageFile?.split('/').pop()).toBe('vn-admin-lineage-2025.json');
    expect(two.database).toMatchObject({ path: expect.stringMatching(/data\/cchc-2025\.sqlite$/) });
    // What is given explicitly wins.
    const own = loadConfig({ DEMO_TREE: '2025', UNITS_FILE: 'x/tree.json', SQLITE_PATH: 'x/db.sqlite' });
    expect(own.unitsFiles.map((f) => f.split('/').pop())).toEqual(['tree.json']);
    expect(own.lineageFile).toBeNull();
    expect(own.database).toMatchObject({ path: expect.stringMatching(/x\/db\.sqlite$/) });
    expect(loadConfig({ DEMO_TREE: '2025', LINEAGE_FILE: 'x/l.json' }).lineageFile).toMatch(/x\/l\.json$/);
  });

  it.each([
    [{ DEMO_TREE: '2026' }, 'DEMO_TREE'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ RUN_WORKERS: 'maybe' }, 'RUN_WORKERS'],
    [{ RANKING_MIN_COVERAGE: '1.5' }, 'RANKING_MIN_COVERAGE'],
    [{ RANKING_MIN_COVERAGE: 'all' }, 'RANKING_MIN_COVERAGE'],
    [{ DATABASE_POOL_SIZE: '1' }, 'DATABASE_POOL_SIZE'],
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
