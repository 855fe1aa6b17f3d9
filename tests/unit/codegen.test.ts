import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const GENERATED = ['server/schema/generated', 'web/src/gql'];

function snapshot(): Map<string, { content: string; mtime: Date }> {
  const files = new Map<string, { content: string; mtime: Date }>();
  for (const dir of GENERATED) {
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      files.set(file, { content: fs.readFileSync(file, 'utf8'), mtime: fs.statSync(file).mtime });
    }
  }
  return files;
}

/**
 * Generated code is never edited by hand and never stale: running `npm run codegen` must change nothing.
 * The test runs the real CLI, then puts back what was there, contents and times, so it leaves the tree as it found it.
 */
it('generated GraphQL code matches the schema and documents (run `npm run codegen` if this fails)', () => {
  const before = snapshot();
  execFileSync(path.resolve('node_modules/.bin/graphql-codegen'), ['--config', 'codegen.ts', '--silent'], { stdio: 'pipe' });
  const after = snapshot();
  // Times too: a web source newer than web/dist makes the next `npm start` (the load test's server) rebuild the app.
  for (const [file, { content, mtime }] of before) {
    fs.writeFileSync(file, content);
    fs.utimesSync(file, mtime, mtime);
  }
  for (const file of after.keys()) if (!before.has(file)) fs.rmSync(file);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [file, { content }] of after) expect(before.get(file)?.content, `${file} is stale`).toBe(content);
}, 120_000);
