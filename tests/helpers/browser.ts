import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/*
 * Browser tests drive Debian's Chromium through playwright-core; no browser is ever downloaded.
 * Without /usr/bin/chromium they are skipped loudly, except under CI=true, where that is a failure.
 */
export const chromiumPath = '/usr/bin/chromium';

export const chromiumAvailable = fs.existsSync(chromiumPath);

if (!chromiumAvailable) {
  const message = `${chromiumPath} is missing: browser tests are SKIPPED (install it with apt-get install -y chromium).`;
  if (process.env.CI === 'true') throw new Error(`${message} Under CI=true Chromium is required.`);
  console.warn(`\n*** ${message} ***\n`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
