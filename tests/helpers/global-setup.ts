import { ensureWebBuilt } from '../../server/cli/web-build';

/**
 * The API tests check that the server serves the app, and the browser tests drive it: build it once.
 * KEEP_WEB_BUILD=1 uses web/dist as it is (for running server tests while the web sources are mid-edit).
 */
export default async function setup(): Promise<void> {
  if (process.env.KEEP_WEB_BUILD === '1') return;
  await ensureWebBuilt((msg) => console.log(msg));
}
