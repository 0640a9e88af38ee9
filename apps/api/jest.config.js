/** Integration tests talk to the real MariaDB and Redis (see test/support). */
/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.e2e.ts'],
  testTimeout: 120000,
  setupFiles: ['reflect-metadata'],
};
