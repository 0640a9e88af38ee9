#!/usr/bin/env node
// CI check: every import between the API's module folders follows scripts/module-layers.mjs, and no
// cycle exists between module folders. Prints each offending import; exit 1 on any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { MODULE_LAYERS } from './module-layers.mjs';

const root = resolve(new URL('..', import.meta.url).pathname, 'apps/api/src');
const modulesDir = join(root, 'modules');
const files = [];
(function walk(d) {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.ts$/.test(n)) files.push(p);
  }
})(root);

const moduleOf = (p) => {
  const r = relative(modulesDir, p);
  return r.startsWith('..') ? null : r.split(sep)[0];
};
const COMMON = ['common', 'database', 'queue', 'config', 'openapi'].map((d) => join(root, d) + sep);
// Composition roots name every module by design: the entity list and the migrations (like app.module.ts).
const ROOTS = [join(root, 'database', 'entities.ts'), join(root, 'database', 'migrations') + sep];
const problems = [];
const edges = new Map();
for (const f of files) {
  const from = moduleOf(f);
  const isCommon = COMMON.some((c) => f.startsWith(c)) && !ROOTS.some((r) => f.startsWith(r)) && !/\.(test|e2e)\.ts$/.test(f);
  for (const m of readFileSync(f, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
    const target = resolve(dirname(f), m[1]);
    const to = moduleOf(target);
    if (!to) continue;
    if (isCommon) problems.push(`${relative(root, f)} (common code) imports module "${to}"`);
    if (!from || from === to) continue;
    if (!(from in MODULE_LAYERS)) problems.push(`module "${from}" is not in scripts/module-layers.mjs`);
    else if (!MODULE_LAYERS[from].includes(to)) problems.push(`${relative(root, f)}: "${from}" may not import "${to}" (${m[1]})`);
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
  }
}
for (const m of readdirSync(modulesDir)) if (!(m in MODULE_LAYERS)) problems.push(`module folder "${m}" has no layer in scripts/module-layers.mjs`);

// Cycles between folders (the layer table forbids them, but a table edit could allow one).
const seen = new Set();
const stack = [];
(function visitAll() {
  const visit = (n) => {
    if (stack.includes(n)) {
      const c = [...stack.slice(stack.indexOf(n)), n].join(' → ');
      if (!seen.has(c)) problems.push(`cycle: ${c}`), seen.add(c);
      return;
    }
    stack.push(n);
    for (const t of edges.get(n) ?? []) visit(t);
    stack.pop();
  };
  for (const n of edges.keys()) visit(n);
})();

if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`module layers: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`module layers: ${files.length} files, ${[...edges.values()].reduce((n, s) => n + s.size, 0)} folder edges, no layer violation, no cycle`);
