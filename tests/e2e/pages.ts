import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/* Helpers the browser tests share: opening a page, waiting for its charts, and reading what they show. */

export const screenshotDir = path.join('test-results', 'screenshots');

export interface OpenPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /**
   * Announces one failed request that the test provokes on purpose (a wrong password: 401; a file with
   * bad rows: 422): Chromium logs it as a console error, which is then not counted. Each allowance is used once.
   */
  expectFailure(url: RegExp, status: number): void;
  /** Every aggregate answer the page received, by the JSON of its query variable. */
  answers: Map<string, AggregateAnswer>;
}

export interface AggregateAnswer {
  rows: { dimensions: { dimension: string; code: string; label: string }[]; measures: { measure: string; value: number | null; suppressed: boolean }[] }[];
  totals: { measure: string; value: number | null; suppressed: boolean }[];
  synthetic: boolean;
}

export async function openPage(target: Browser | BrowserContext, url: string, width = 1280): Promise<OpenPage> {
  const page = await target.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  const answers = new Map<string, AggregateAnswer>();
  const allowed: { url: RegExp; status: number }[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const source = message.location().url;
    const expected = allowed.findIndex((a) => a.url.test(source) && message.text().includes(`status of ${a.status}`));
    if (expected >= 0) {
      allowed.splice(expected, 1);
      return;
    }
    errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', async (response) => {
    if (!response.url().endsWith('/graphql') || response.request().method() !== 'POST') return;
    const request = response.request().postDataJSON() as { query: string; variables?: { query?: unknown } };
    if (!request.query.includes('aggregate(')) return;
    const body = (await response.json().catch(() => null)) as { data?: { aggregate?: AggregateAnswer } } | null;
    if (body?.data?.aggregate) answers.set(JSON.stringify(request.variables?.query), body.data.aggregate);
  });
  await page.goto(url);
  return { page, errors, answers, expectFailure: (pattern, status) => void allowed.push({ url: pattern, status }) };
}

/** Waits until no chart on the page is loading or updating, and returns each chart's state. */
export async function chartsSettled(page: Page): Promise<Record<string, string>> {
  await page.waitForSelector('[data-chart]');
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('[data-chart]')].every(
      (chart) => chart.dataset.state !== 'loading' && chart.getAttribute('aria-busy') !== 'true',
    ),
  );
  return page.$$eval('[data-chart]', (charts) =>
    Object.fromEntries(charts.map((chart) => [chart.getAttribute('data-chart'), chart.getAttribute('data-state')])),
  );
}

/** The aggregate answer whose query satisfies the predicate (answers are parsed as they arrive). */
export async function answerFor(open: OpenPage, matches: (query: { measures: string[]; dimensions?: string[]; filter?: Record<string, unknown> }) => boolean): Promise<AggregateAnswer> {
  const find = () => [...open.answers].find(([key]) => matches(JSON.parse(key)))?.[1];
  await expect.poll(find, { timeout: 5000 }).toBeDefined();
  return find()!;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

export interface TableContent {
  head: string[];
  rows: { label: string; cells: string[] }[];
}

/** The data table alternative of a chart, as text (it is in the page even while visually hidden). */
export async function chartTable(page: Page, chart: string): Promise<TableContent> {
  return page.$eval(`[data-chart="${chart}"] table`, (table) => ({
    head: [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? ''),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) => ({
      label: tr.querySelector('th')?.textContent?.trim() ?? '',
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
    })),
  }));
}

/** An English-formatted count ("3,577") as a number. */
export function englishNumber(text: string): number {
  return Number(text.replace(/,/g, ''));
}

export function expectNoErrors(open: OpenPage): void {
  expect(open.errors, `console errors on ${open.page.url()}`).toEqual([]);
}
