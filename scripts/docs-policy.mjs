#!/usr/bin/env node
// `npm run docs:policy`: writes the access policy table of packages/shared (ACCESS_POLICY, ROUTE_ACCESS)
// into docs/security.md between its markers. A shared test fails while the committed table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { accessPolicyMarkdown, POLICY_DOC_START, POLICY_DOC_END } = require(join(root, 'packages/shared/dist/cjs/index.js'));

const file = join(root, 'docs/security.md');
const doc = readFileSync(file, 'utf8');
const start = doc.indexOf(POLICY_DOC_START);
const end = doc.indexOf(POLICY_DOC_END);
if (start < 0 || end < start) {
  console.error(`docs/security.md has no ${POLICY_DOC_START} … ${POLICY_DOC_END} markers`);
  process.exit(1);
}
const next = `${doc.slice(0, start + POLICY_DOC_START.length)}\n${accessPolicyMarkdown()}\n${doc.slice(end)}`;
if (next === doc) console.log('docs/security.md: the policy table is up to date');
else {
  writeFileSync(file, next);
  console.log('docs/security.md: policy table rewritten');
}
