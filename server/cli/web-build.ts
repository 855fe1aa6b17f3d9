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
  // Loaded only to build: Vite and Rollup would otherwise sit in every server's memory for nothing.
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
