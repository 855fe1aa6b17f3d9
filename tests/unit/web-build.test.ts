import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWeb } from '../../server/cli/web-build';

describe('the web build', () => {
  it('is the production build even when run from the tests (NODE_ENV=test), as the test setup and npm start run it', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'im-web-build-'));
    try {
      await buildWeb(out);
      const scripts = fs.readdirSync(path.join(out, 'assets')).filter((f) => f.endsWith('.js'));
      expect(scripts.length).toBeGreaterThan(0);
      // Vue's development build carries its warnings; the production build strips them.
      const dev = scripts.filter((f) => fs.readFileSync(path.join(out, 'assets', f), 'utf8').includes('[Vue warn]'));
      expect(dev, 'development code in the build').toEqual([]);
      expect(process.env.NODE_ENV).toBe('test');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
