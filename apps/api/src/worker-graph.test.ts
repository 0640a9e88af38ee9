import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Every source file reachable by imports from `entry` (relative imports; type-only ones are erased and skipped). */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\s+(?!type\s)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
      const base = resolve(dirname(file), m[1]);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
      if (target) queue.push(target);
    }
  }
  return seen;
}

describe('the worker process', () => {
  const src = resolve(__dirname);
  const files = [...reachable(join(src, 'worker.ts'))].map((f) => relative(src, f));

  it('loads the rollups, reports and jobs it runs', () => {
    expect(files).toEqual(expect.arrayContaining(['modules/rollups/rollups.module.ts', 'modules/reports/report.reader.ts', 'modules/rollups/jobs/rollup.processor.ts']));
  });

  it('loads no controller, no HTTP module and no output code', () => {
    expect(files.filter((f) => /\.controller\.ts$|-http\.module\.ts$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('modules/outputs/') || f.startsWith('modules/figures/'))).toEqual([]);
  });
});
