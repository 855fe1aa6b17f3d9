import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT = path.join(ROOT, 'web', 'dist', 'index.html');
const SOURCES = [path.join(ROOT, 'web'), path.join(ROOT, 'vite.config.ts')];

function newestChange(entry: string): number {
  if (!fs.existsSync(entry) || entry.endsWith(`${path.sep}dist`)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** Builds web/dist when it is missing or older than any web source, so `npm start` always serves the current app. */
export async function ensureWebBuilt(log: (msg: string) => void = () => {}): Promise<void> {
  const builtAt = fs.existsSync(BUILT) ? fs.statSync(BUILT).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map(newestChange))) return;
  log('Building the web app…');
  await buildWeb();
}

/**
 * The production build of the web app, into web/dist or `outDir`. Always production: under Vitest NODE_ENV
 * is "test", and Vite would then build Vue's development code (a third larger and slower), which
 * `npm start` would go on serving.
 */
export async function buildWeb(outDir?: string): Promise<void> {
  // Loaded only to build: Vite and Rollup would otherwise sit in every server's memory for nothing.
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}) });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
