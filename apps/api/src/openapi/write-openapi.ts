import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateOpenApiDocument, OPENAPI_FILE } from './openapi-document';

/** `npm run openapi -w @cchc/api`: rewrites apps/api/openapi.json from the controllers' decorators and DTOs. */
async function main(): Promise<void> {
  const doc = await generateOpenApiDocument();
  const before = fs.existsSync(OPENAPI_FILE) ? fs.readFileSync(OPENAPI_FILE, 'utf8') : '';
  fs.writeFileSync(OPENAPI_FILE, doc);
  console.log(`${path.relative(process.cwd(), OPENAPI_FILE)} ${before === doc ? 'unchanged' : 'written'}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
