// One flat config for every workspace; each runs `eslint . --max-warnings 0` from its own folder.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { MODULE_LAYERS, WEB_FEATURES_MAY_NOT_IMPORT } from './scripts/module-layers.mjs';

const MODULES = Object.keys(MODULE_LAYERS);
const COMMON_DIRS = ['common', 'database', 'queue', 'config', 'openapi'];
const anyOf = (names) => `(${names.join('|')})`;

/**
 * The layer rule (scripts/module-layers.mjs) as ESLint sees it: for each API module folder, an import that
 * climbs out of it into a module it may not use is an error; common code imports no module at all;
 * web features import neither the app shell nor each other, and shared web code imports no feature. scripts/check-module-layers.mjs checks the same on every
 * edge, and cycles, in CI.
 */
const layerRules = [
  ...MODULES.map((m) => {
    const forbidden = MODULES.filter((o) => o !== m && !MODULE_LAYERS[m].includes(o));
    return {
      files: [`apps/api/src/modules/${m}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\./)+${anyOf(forbidden)}(/|$)`,
                message: `"${m}" may not import this module: the API's layers are outputs → figures → rollups → reports → platform (scripts/module-layers.mjs).`,
              },
            ],
          },
        ],
      },
    };
  }),
  {
    files: COMMON_DIRS.map((d) => `apps/api/src/${d}/**/*.ts`),
    ignores: ['apps/api/src/database/entities.ts', 'apps/api/src/database/migrations/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+modules/', message: 'Common code imports no feature module (scripts/module-layers.mjs).' }] }],
    },
  },
  // A feature imports no other feature: what two features share lives in src/lib, src/components or src/api/hooks.
  // From a file d folders below features/<name>/, d "../" reach features/ itself; one more name is another feature.
  ...[1, 2, 3, 4].map((d) => ({
    files: [`apps/web/src/features/*/${'*/'.repeat(d - 1)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^(\\.\\./)+${anyOf(WEB_FEATURES_MAY_NOT_IMPORT)}(/|$)`, message: 'A feature does not import the app shell; shared code lives in src/lib.' },
            { regex: `^(\\.\\./){${d}}[^.]`, message: 'A feature does not import another feature; move what both use to src/lib, src/components or src/api/hooks.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['apps/web/src/{lib,components,api,i18n}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+(features|app)/', message: 'Shared web code imports no feature and not the app shell.' }] }],
    },
  },
  // antd's <App> is not mounted (its message and Modal load on first use): toasts and confirmations go through useFeedback().
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value='antd'] > ImportSpecifier[imported.name='App']", message: 'Use useFeedback() from src/lib/feedback for toasts and confirmations: antd App is not mounted.' },
      ],
    },
  },
];

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
        project: ['packages/shared/tsconfig.json', 'apps/api/tsconfig.json', 'apps/web/tsconfig.json', 'apps/web/tsconfig.e2e.json', 'apps/web/tsconfig.unit.json'],
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
  ...layerRules,
);
