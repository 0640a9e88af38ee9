import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../src/config/config.schema';
import { generateOpenApiDocument, OPENAPI_FILE } from '../src/openapi/openapi-document';

const SCHEMA_FILE = path.join(REPO_ROOT, 'apps/web/src/api/generated/schema.d.ts');
const HINT = 'The committed API contract is out of date: run "npm run api:generate" and commit apps/api/openapi.json and apps/web/src/api/generated/schema.d.ts';

/** The web client is generated from the committed document: both must match what the controllers declare now. */
describe('OpenAPI contract', () => {
  let document: string;

  beforeAll(async () => {
    document = await generateOpenApiDocument();
  });

  it('apps/api/openapi.json is what the controllers and DTOs describe', () => {
    const committed = fs.existsSync(OPENAPI_FILE) ? fs.readFileSync(OPENAPI_FILE, 'utf8') : '';
    if (committed !== document) throw new Error(HINT);
    expect(committed).toBe(document);
  });

  it('every route declares a success response, JSON ones with a schema', () => {
    const doc = JSON.parse(document) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
    const missing: string[] = [];
    for (const [route, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = Object.entries(op.responses).filter(([code]) => code.startsWith('2'));
        // A 204 has no body by definition; every other success must say what its body is.
        const described = ok.some(([code, r]) => code === '204' || Object.values(r.content ?? {}).some((c) => c.schema !== undefined));
        if (!described) missing.push(`${method.toUpperCase()} ${route}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('apps/web/src/api/generated/schema.d.ts is what openapi-typescript makes of it', () => {
    // The generator's own CLI, exactly as `npm run api:generate -w @cchc/web` runs it (its library is ESM, which jest cannot load).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-contract-'));
    try {
      const input = path.join(dir, 'openapi.json');
      const output = path.join(dir, 'schema.d.ts');
      fs.writeFileSync(input, document);
      const cli = path.join(path.dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js');
      execFileSync(process.execPath, [cli, input, '-o', output], { stdio: 'pipe' });
      const expected = fs.readFileSync(output, 'utf8');
      const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
      if (committed !== expected) throw new Error(HINT);
      expect(committed).toBe(expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
