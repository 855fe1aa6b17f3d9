import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signIn, upload } from '../helpers/accounts';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { csv, participationRow } from '../helpers/import-files';
import { readMetrics } from '../helpers/metrics';
import { startTestServer, type TestServer } from '../helpers/server';
import { summaryQuery } from '../../web/src/model/overview';
import { defaultView } from '../../web/src/model/view';
import { chartsSettled, expectNoErrors, openPage } from './pages';

/*
 * The server answers the Overview's questions ahead (server/analytics/warm-up.ts), at start and after an
 * import: a first visitor then gets every aggregate from the answer cache. Each server here is fresh, so no
 * earlier page filled its caches, and the count of computed answers tells whether the page asked anything the
 * warm-up did not answer.
 */
describe.skipIf(!chromiumAvailable)('the Overview answered ahead', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ engine: 'sqlite' }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const metrics = () => readMetrics(server.baseUrl);
  async function warmUpsReach(count: number): Promise<void> {
    await expect.poll(async () => (await metrics()).im_warm_ups_total, { timeout: 30_000 }).toBeGreaterThanOrEqual(count);
  }

  /**
   * Opens the Overview as its first visitor does (no parameters but `query`): how many answers that computed,
   * how many exact results (scans) those needed, how many aggregates it asked, and the selection's
   * participants (the totals of the whole data).
   */
  async function openOverview(query = ''): Promise<{ computed: number; scanned: number; asked: number; participants: number | null }> {
    const before = await metrics();
    const open = await openPage(browser, `${server.baseUrl}/${query}`);
    const states = await chartsSettled(open.page);
    expect(Object.values(states)).toEqual(['ready', 'ready', 'ready']);
    await open.page.waitForSelector('[data-figure] .figure-headline');
    await open.page.waitForLoadState('networkidle');
    expectNoErrors(open);
    await open.page.close();
    const summary = [...open.answers].find(([query]) => query === JSON.stringify(summaryQuery(defaultView)))?.[1];
    const participants = summary?.totals.find((t) => t.measure === 'PARTICIPANTS')?.value ?? null;
    const after = await metrics();
    return {
      computed: after.im_answers_computed_total - before.im_answers_computed_total,
      scanned: after.im_exact_results_computed_total - before.im_exact_results_computed_total,
      asked: open.answers.size,
      participants,
    };
  }

  it('a fresh server has answered every aggregate the Overview asks', async () => {
    await warmUpsReach(1);
    const { computed, asked } = await openOverview();
    // The three charts, the selection's totals, the filter bar's years and the three headline cards.
    expect(asked).toBe(8);
    expect(computed).toBe(0);
  });

  it('in Latvian the same questions are only labelled anew: no exact result is computed again', async () => {
    const { computed, scanned, asked } = await openOverview('?lang=lv');
    expect(asked).toBe(8);
    expect(computed).toBe(8);
    expect(scanned).toBe(0);
  });

  it('after an import, the Overview is answered ahead again, with the new rows in it', async () => {
    const before = await openOverview();
    const password = await addUser(server, 'warm-manager', 'MANAGER', ['VERTE']);
    const { cookie } = await signIn(server.baseUrl, 'warm-manager', password);
    const warmed = (await metrics()).im_warm_ups_total;
    const imported = await upload(server.baseUrl, cookie, 'participation', csv('participation', Array.from({ length: 20 }, (_, i) => participationRow(i))));
    expect(imported.body.status).toBe('imported');
    await warmUpsReach(warmed + 1);
    const after = await openOverview();
    expect(after.asked).toBe(8);
    expect(after.computed).toBe(0);
    // Twenty new people (person keys the demo data does not use), all in the default period.
    expect(after.participants).toBe(before.participants! + 20);
  });
});
