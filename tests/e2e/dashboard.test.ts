import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { answerFor, chartsSettled, chartTable, englishNumber, expectNoErrors, openPage, screenshot } from './pages';

/*
 * The dashboard in headless Chromium against the real server on SQLite with demo data: every page
 * draws its charts, the headline figures are right, and the view survives a reload and a shared link.
 */
describe.skipIf(!chromiumAvailable)('dashboard in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ engine: 'sqlite' }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const url = (path: string) => `${server.baseUrl}${path}`;

  const pages = [
    { name: 'overview', path: '/', charts: ['participants-by-year', 'esf-results', 'consultations-by-year'] },
    { name: 'regions', path: '/regions', charts: ['regions-map', 'regions-ranking'] },
    { name: 'target-groups', path: '/target-groups', charts: ['target-groups', 'target-group-outcomes', 'gender', 'age-bands'] },
    {
      name: 'institutions',
      path: '/institutions',
      charts: ['prison-sites', 'site-activity', 'consultations-by-stage', 'consultations-by-format', 'participants-by-institution'],
    },
    { name: 'explorer', path: '/explorer', charts: ['explorer'] },
    { name: 'sources', path: '/sources', charts: [] },
  ];

  it.each(pages)('$name renders its charts without console errors, also at 375 px', async ({ name, path, charts }) => {
    for (const width of [1280, 375]) {
      const open = await openPage(browser, url(`${path}?lang=en`), width);
      const { page } = open;
      if (charts.length) {
        const states = await chartsSettled(page);
        for (const chart of charts) expect(states[chart], `${chart} at ${width} px`).toBe('ready');
        // A drawn chart has a canvas and an ARIA description with its numbers.
        const label = await page.getAttribute(`[data-chart="${charts[0]}"] [aria-label]`, 'aria-label');
        expect(label).toMatch(/\d/);
        // Demo data contributed to every chart, so the page says the numbers are synthetic.
        await expect.poll(() => page.locator('.synthetic-banner').isVisible()).toBe(true);
      } else {
        await page.waitForSelector('[data-figure]');
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal scroll at ${width} px`).toBeLessThanOrEqual(0);
      await screenshot(page, `${name}-${width}`);
      expectNoErrors(open);
      await page.close();
    }
  });

  it('shows the published headline figures, recomputed, on the Overview', async () => {
    const open = await openPage(browser, url('/?lang=en'));
    const { page } = open;
    const verte = page.locator('[data-figure="VERTE_2021_PARTICIPANTS"] .figure-headline');
    await expect.poll(() => verte.textContent()).toContain('18 of 60 reintegrated (30%)');
    const consulted = page.locator('[data-figure="NVA_CONSULTED_TOTAL"]');
    await expect.poll(() => consulted.locator('.figure-headline').textContent()).toContain('3,577 prisoners consulted');
    expect(await consulted.locator('.figure-split').textContent()).toContain('1,623 before vocational education, 1,954 before release');
    // Each card links to its source on the Sources page, where the quote is.
    await page.locator('[data-figure="VERTE_2021_PARTICIPANTS"] .figure-source').click();
    await page.waitForURL(/\/sources\?.*#VERTE_2021_PARTICIPANTS$/);
    const figure = page.locator('#VERTE_2021_PARTICIPANTS');
    await expect.poll(() => figure.locator('blockquote').textContent()).toContain('atbalsts sniegts 60 sociālās atstumtības riskam');
    expect(await figure.locator('[data-role="computed"]').textContent()).toBe('60');
    expect(await figure.locator('[data-role="status"]').textContent()).toContain('Matches');
    expectNoErrors(open);
    await page.close();
  });

  it('switches language: interface text from the app, labels of codes from the API, kept in the URL', async () => {
    const open = await openPage(browser, url('/?lang=en'));
    const { page } = open;
    await chartsSettled(page);
    expect(await page.textContent('h1')).toBe('Overview');
    expect((await chartTable(page, 'consultations-by-year')).head).toContain('Before release');

    await page.getByRole('link', { name: 'Latviešu' }).click();
    await page.waitForURL(/lang=lv/);
    await chartsSettled(page);
    expect(await page.textContent('h1')).toBe('Pārskats');
    expect(await page.getAttribute('html', 'lang')).toBe('lv');
    await expect.poll(async () => (await chartTable(page, 'consultations-by-year')).head).toContain('Pirms atbrīvošanas');
    expect(await page.locator('[data-chart="participants-by-year"] .chart-title').textContent()).toBe('Dalībnieki un iekļaušanās pa gadiem');
    await expect.poll(() => page.locator('[data-figure="VERTE_2021_PARTICIPANTS"] .figure-headline').textContent()).toContain('18 no 60 iekļāvušies');

    await page.reload();
    expect(await page.textContent('h1')).toBe('Pārskats');
    expectNoErrors(open);
    await page.close();
  });

  it('puts a filter change into the URL and the chart, and a new page with that URL shows the same', async () => {
    const open = await openPage(browser, url('/target-groups?lang=en'));
    const { page } = open;
    await chartsSettled(page);
    const before = await chartTable(page, 'gender');

    await page.getByLabel('Programme').selectOption('DIVERSITY');
    await page.waitForURL(/programme=DIVERSITY/);
    await page.getByLabel('Period').selectOption('2021');
    await page.waitForURL(/from=2021-01-01.*to=2021-12-31|to=2021-12-31.*from=2021-01-01/);
    await chartsSettled(page);
    const after = await chartTable(page, 'gender');
    expect(after.rows).not.toEqual(before.rows);
    const answer = await answerFor(
      open,
      (q) => q.dimensions?.[0] === 'GENDER' && (q.filter?.programmes as string[] | undefined)?.[0] === 'DIVERSITY' && q.filter?.from === '2021-01-01',
    );
    const women = answer.rows.find((r) => r.dimensions[0].code === 'F')!;
    expect(englishNumber(after.rows.find((r) => r.label === 'Women')!.cells[0])).toBe(women.measures[0].value);

    const shared = await openPage(browser, page.url());
    await chartsSettled(shared.page);
    expect(await chartTable(shared.page, 'gender')).toEqual(after);
    expect(await shared.page.getByLabel('Programme').inputValue()).toBe('DIVERSITY');
    expect(await shared.page.getByLabel('Period').inputValue()).toBe('2021');
    expectNoErrors(open);
    expectNoErrors(shared);
    await Promise.all([page.close(), shared.page.close()]);
  });

  it('answers "how many did Diversity reach in Latgale in 2021, and how many got back into work or education?"', async () => {
    const open = await openPage(browser, url('/?lang=en'));
    const { page } = open;
    await chartsSettled(page);
    await page.getByLabel('Programme').selectOption('DIVERSITY');
    await page.getByLabel('Region').selectOption({ label: 'Latgale Planning Region' });
    await page.getByLabel('Period').selectOption('2021');
    await page.waitForURL((u) => ['programme=DIVERSITY', 'region=LATGALE', 'from=2021-01-01', 'to=2021-12-31'].every((p) => u.search.includes(p)));
    const answer = await answerFor(
      open,
      (q) => !q.dimensions && (q.filter?.regions as string[] | undefined)?.[0] === 'LATGALE' && q.filter?.from === '2021-01-01',
    );
    const tile = (measure: string) => page.locator(`.stat-tile[data-measure="${measure}"] dd`);
    const total = (measure: string) => answer.totals.find((m) => m.measure === measure)!.value!;
    await expect.poll(async () => englishNumber((await tile('PARTICIPANTS').textContent()) ?? '')).toBe(total('PARTICIPANTS'));
    expect(englishNumber((await tile('REINTEGRATED').textContent()) ?? '')).toBe(total('REINTEGRATED'));
    expect(total('PARTICIPANTS')).toBeGreaterThan(0);
    expectNoErrors(open);
    await page.close();
  });

  it('opens an export permalink (/explorer?query=…) as the same view', async () => {
    const query = { measures: ['CONSULTED_PERSONS'], filter: { programmes: ['EX_PRISONERS'], institutions: ['NVA'], stages: ['PRE_RELEASE'], from: '2016-12-01', to: '2023-12-01' } };
    const open = await openPage(browser, url(`/explorer?${new URLSearchParams({ query: JSON.stringify(query), lang: 'en' })}`));
    const { page } = open;
    await chartsSettled(page);
    expect(new URL(page.url()).searchParams.get('stage')).toBe('PRE_RELEASE');
    expect(await page.locator('.other-filters').textContent()).toContain('Consultation stage: PRE_RELEASE');
    // Without breakdowns the chart has one bar, the total.
    expect(await chartTable(page, 'explorer')).toEqual({ head: ['', 'Persons consulted'], rows: [{ label: 'Total', cells: ['1,954'] }] });
    expectNoErrors(open);
    await page.close();
  });

  it("has a table alternative with the chart's numbers", async () => {
    const open = await openPage(browser, url('/?lang=en'));
    const { page } = open;
    await chartsSettled(page);
    const answer = await answerFor(open, (q) => q.dimensions?.join() === 'YEAR' && q.measures.join() === 'PARTICIPANTS,REINTEGRATED,REINTEGRATION_RATE');
    const table = await chartTable(page, 'participants-by-year');
    expect(table.head).toEqual(['Year', 'Participants', 'Reintegrated', 'Reintegration rate']);
    expect(table.rows.map((r) => r.label)).toEqual(answer.rows.map((r) => r.dimensions[0].label));
    const description = (await page.getAttribute('[data-chart="participants-by-year"] [aria-label]', 'aria-label')) ?? '';
    table.rows.forEach((row, i) => {
      const [participants, reintegrated] = answer.rows[i].measures;
      expect(englishNumber(row.cells[0])).toBe(participants.value);
      expect(englishNumber(row.cells[1])).toBe(reintegrated.value);
      // The ARIA description the chart carries states the same numbers.
      expect(description).toContain(`${row.label}: ${row.cells[0]}`);
    });
    // The table is hidden from sight until asked for, never from screen readers.
    const toggle = page.locator('[data-chart="participants-by-year"] button[aria-controls]');
    const tableWidth = async () => (await page.locator('[data-chart="participants-by-year"] .chart-table').boundingBox())?.width ?? 0;
    expect(await toggle.textContent()).toContain('Show data table');
    expect(await tableWidth()).toBeLessThanOrEqual(1);
    await toggle.click();
    expect(await tableWidth()).toBeGreaterThan(100);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expectNoErrors(open);
    await page.close();
  });

  it('downloads a chart as PNG and SVG, and links the same data as CSV', async () => {
    // The chart's canvas comes in a chunk of its own (ECharts), here late: the numbers are shown before it,
    // and the image buttons wait for it instead of doing nothing when clicked.
    const context = await browser.newContext();
    await context.route(/\/assets\/(EChart|registry)-[\w-]+\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    const open = await openPage(context, url('/institutions?lang=en'));
    const { page } = open;
    await chartsSettled(page);
    const chart = page.locator('[data-chart="prison-sites"]');
    for (const format of ['PNG', 'SVG']) {
      const [download] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: format, exact: true }).click()]);
      expect(download.suggestedFilename()).toBe(`inclusion-monitor-prison-sites.${format.toLowerCase()}`);
      const file = await download.path();
      const bytes = (await import('node:fs')).readFileSync(file);
      if (format === 'PNG') expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      else expect(bytes.toString()).toMatch(/^<svg[\s\S]*Prisons with consultations, by year[\s\S]*<\/svg>$/);
    }
    const csv = await chart.getByRole('link', { name: 'CSV' }).getAttribute('href');
    const response = await page.request.get(url(csv!));
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('YEAR_code');
    expectNoErrors(open);
    await context.close();
  });

  it('shows suppressed cells as suppressed, never as zero', async () => {
    const open = await openPage(browser, url('/explorer?lang=en&measures=PARTICIPANTS&dims=MUNICIPALITY,AGE_BAND&chart=stacked'));
    const { page } = open;
    await chartsSettled(page);
    const answer = await answerFor(open, (q) => q.dimensions?.join() === 'MUNICIPALITY,AGE_BAND');
    const suppressed = answer.rows.filter((r) => r.measures[0].suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    const table = await chartTable(page, 'explorer');
    for (const row of suppressed) {
      const [municipality, band] = row.dimensions;
      const line = table.rows.find((r) => r.label === municipality.label)!;
      expect(line.cells[table.head.indexOf(band.label) - 1]).toBe('suppressed');
    }
    expect(await page.locator('[data-chart="explorer"] .chart-note').first().textContent()).toContain('Suppressed is not zero');
    expectNoErrors(open);
    await page.close();
  });

  it('compares regions over time and keeps the comparison in the URL', async () => {
    const open = await openPage(browser, url('/regions?lang=en'));
    const { page } = open;
    await chartsSettled(page);
    for (const region of ['Riga', 'Daugavpils']) {
      await page.getByLabel('Regions to compare (2–4)').selectOption({ label: region });
      await page.getByRole('button', { name: 'Add' }).click();
    }
    await page.waitForURL(/compare=0001000%2C0002000|compare=0001000,0002000/);
    const states = await chartsSettled(page);
    expect(states['regions-compare']).toBe('ready');
    expect((await chartTable(page, 'regions-compare')).head).toEqual(['Year', 'Riga', 'Daugavpils']);
    expectNoErrors(open);
    await page.close();
  });

  it('embeds one chart alone with the same view', async () => {
    const open = await openPage(browser, url('/embed/prison-sites?lang=lv'));
    const { page } = open;
    const states = await chartsSettled(page);
    expect(states).toEqual({ 'prison-sites': 'ready' });
    expect(await page.locator('nav').count()).toBe(0);
    const table = await chartTable(page, 'prison-sites');
    expect(table.rows.map((r) => r.cells[0])).toEqual(['6', '7', '7', '7', '7', '7', '9']);
    await screenshot(page, 'embed-prison-sites');
    expectNoErrors(open);
    await page.close();
  });
});
