// One flat config for every workspace; each runs `eslint . --max-warnings 0` from its own folder.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**', '.test-results/**', 'apps/web/src/api/generated/**'],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Named tsconfigs rather than the project service: the web e2e tests live in tsconfig.e2e.json.
        project: ['packages/shared/tsconfig.json', 'apps/api/tsconfig.json', 'apps/web/tsconfig.json', 'apps/web/tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `_`-prefixed parameters and destructured leftovers are deliberate (callbacks with a fixed shape, omit-by-rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // An `async` method without `await` still turns a throw into a rejection, which Promise-returning interfaces (processors, hooks, test doubles) rely on.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.e2e.ts', '**/test/**/*.ts', 'apps/web/e2e/**/*.ts'],
    rules: {
      // Jest's asymmetric matchers (expect.any, expect.objectContaining…) are typed `any`, so every expected object using one would be flagged.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // Config files outside every tsconfig: syntax rules only.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs', 'apps/web/vite.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // React event props and antd callbacks take promise-returning handlers by design (antd's message.* return thenables).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false, properties: false } }],
    },
  },
);
