import * as fs from 'node:fs';
import * as path from 'node:path';
import { accessPolicyMarkdown, POLICY_DOC_END, POLICY_DOC_START } from './access-policy';

describe('docs/security.md', () => {
  it('holds the access policy table as the shared policy generates it (run npm run docs:policy)', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../../../docs/security.md'), 'utf8');
    const start = doc.indexOf(POLICY_DOC_START);
    const end = doc.indexOf(POLICY_DOC_END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(doc.slice(start + POLICY_DOC_START.length, end).trim()).toBe(accessPolicyMarkdown());
  });
});
