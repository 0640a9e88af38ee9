// The API's module folders in layers, in the order data flows: a module may import only the modules it
// lists (and common code: src/common, src/database, src/queue, src/config, src/openapi). Read by
// eslint.config.mjs (no-restricted-imports, so an editor flags a wrong import at once) and by
// scripts/check-module-layers.mjs (CI: every import edge, and no cycle between folders).
const platform = ['units', 'templates', 'periods', 'users', 'audit', 'auth', 'idempotency', 'lineage'];
const pipeline = ['reports', 'rollups', 'figures', 'outputs'];

/** module folder → the module folders it may import. */
export const MODULE_LAYERS = {
  // Platform: the units, instruments and people everything else stands on.
  units: [],
  templates: [],
  periods: ['templates'],
  audit: [],
  users: ['units', 'audit'],
  auth: ['users', 'units', 'audit'],
  idempotency: [],
  lineage: ['units'],
  // The pipeline: reports → rollups → figures → outputs, each reading only what comes before it.
  reports: [...platform],
  rollups: ['reports', ...platform],
  figures: ['rollups', 'reports', ...platform],
  outputs: ['figures', 'rollups', 'reports', ...platform],
  // Features beside the pipeline: they read reports (and figures), nothing in the pipeline reads them.
  par: ['figures', 'reports', ...platform],
  notices: ['reports', ...platform],
  quality: ['reports', ...platform],
  // Operations: they watch everything, nothing depends on them.
  health: [...pipeline, ...platform],
  metrics: [...pipeline, ...platform],
};

/** Web: features are built from lib/api/i18n/components, never from the app shell that assembles them. */
export const WEB_FEATURES_MAY_NOT_IMPORT = ['app'];
