import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const GENERATED = ['server/schema/generated', 'web/src/gql'];

function snapshot(): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of GENERATED) {
    for (const name of fs.readdirSync(dir)) files.set(path.join(dir, name), fs.readFileSync(path.join(dir, name), 'utf8'));
  }
  return files;
}

/**
 * Generated code is never edited by hand and never stale: running `npm run codegen` must change nothing.
 * The test runs the real CLI, then puts back what was there so a failure leaves the tree as it found it.
 */
it('generated GraphQL code matches the schema and documents (run `npm run codegen` if this fails)', () => {
  const before = snapshot();
  execFileSync(path.resolve('node_modules/.bin/graphql-codegen'), ['--config', 'codegen.ts', '--silent'], { stdio: 'pipe' });
  const after = snapshot();
  for (const [file, content] of before) fs.writeFileSync(file, content);
  for (const file of after.keys()) if (!before.has(file)) fs.rmSync(file);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [file, content] of after) expect(before.get(file), `${file} is stale`).toBe(content);
}, 120_000);
