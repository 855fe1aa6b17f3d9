import { ensureWebBuilt } from '../../server/cli/web-build';

/** The API tests check that the server serves the app, and the browser tests drive it: build it once. */
export default async function setup(): Promise<void> {
  await ensureWebBuilt((msg) => console.log(msg));
}
