/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 300000,
  projects: [
    {
      /** Unit tests of the web's pure modules (form state, formatting), beside them in src/. */
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.unit.json' }] },
    },
    {
      /** Browser tests: headless Chromium (playwright-core) against the real built API + web app on MariaDB and Redis. */
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/e2e'],
      testMatch: ['**/*.e2e.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.e2e.json' }] },
    },
  ],
};
