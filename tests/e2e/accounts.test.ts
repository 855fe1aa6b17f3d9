import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../server/import/templates';
import { addUser } from '../helpers/accounts';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { csv, participationRow } from '../helpers/import-files';
import { startTestServer, type TestServer } from '../helpers/server';
import { chartsSettled, chartTable, englishNumber, expectNoErrors, openPage, screenshot, type OpenPage } from './pages';

/*
 * Signing in, importing, targets and the audit log in headless Chromium against the real server: the
 * story of issue 7 — a project manager signs in, downloads the template, uploads a file, fixes the rows
 * the app points at, uploads again and sees the dashboard change; an official sets a target; an admin
 * reads the audit log. The tests run in order: the admin reads what the others did.
 */
describe.skipIf(!chromiumAvailable)('accounts, import, targets and audit in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let tmp: string;
  const users = { manager: 'verte.manager', official: 'ministry.official', admin: 'site.admin' };
  const passwords: Record<string, string> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ engine: 'sqlite' }), launchBrowser()]);
    passwords[users.manager] = await addUser(server, users.manager, 'MANAGER', ['VERTE']);
    passwords[users.official] = await addUser(server, users.official, 'OFFICIAL');
    passwords[users.admin] = await addUser(server, users.admin, 'ADMIN');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'im-e2e-import-'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const url = (p: string) => `${server.baseUrl}${p}`;
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });

  /** A browser profile of its own (its own session cookie), with its screen width. */
  async function freshContext(width = 1280): Promise<BrowserContext> {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width, height: 900 } });
    contexts.push(context);
    return context;
  }

  async function fillSignIn(page: Page, username: string, password: string): Promise<void> {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  /** Opens the sign-in page (in the target's language) on the way to `target` and signs in; resolves on arrival there. */
  async function signInTo(context: BrowserContext, username: string, target: string): Promise<OpenPage> {
    const lang = new URL(target, 'http://x').searchParams.get('lang') ?? 'en';
    const open = await openPage(context, url(`/login?lang=${lang}&redirect=${encodeURIComponent(target)}`));
    const labels = lang === 'lv' ? ['Lietotājvārds', 'Parole', 'Pieteikties'] : ['Username', 'Password', 'Sign in'];
    await open.page.getByLabel(labels[0]).fill(username);
    await open.page.getByLabel(labels[1]).fill(passwords[username]);
    await open.page.locator('main').getByRole('button', { name: labels[2], exact: true }).click();
    await open.page.waitForURL((u) => u.pathname === target.split('?')[0]);
    await expect.poll(() => open.page.locator('[data-role="user-menu"]').textContent()).toContain(username);
    return open;
  }

  const navLinks = (page: Page) => page.locator('#main-nav a').allTextContents();

  function writeFile(name: string, content: string): string {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, content);
    return file;
  }

  const importedRows = 12;
  const explorerView = '/explorer?lang=en&measures=PARTICIPANTS&dims=YEAR&institution=VERTE&from=2022-01-01&to=2022-12-31';

  /** The Explorer's participants of VERTE in 2022, as its table shows them. */
  async function verte2022(page: Page): Promise<number> {
    await chartsSettled(page);
    const table = await chartTable(page, 'explorer');
    const row = table.rows.find((r) => r.label === '2022');
    return row ? englishNumber(row.cells[0]) : 0;
  }

  it('a manager signs in, fixes the rows the app points at, imports the file and sees the figure rise', async () => {
    const context = await freshContext();
    // Anonymous: the Import page asks to sign in and the navigation does not offer it.
    const open = await openPage(context, url('/import?lang=en'));
    const { page } = open;
    await expect.poll(() => page.locator('.access-note').textContent()).toContain('Sign in to use this page');
    expect(await navLinks(page)).not.toContain('Import data');
    await page.locator('.access-note').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/import?lang=en');

    // A wrong password gets a clear error and no session; the right one returns to the Import page.
    open.expectFailure(/\/graphql$/, 401);
    await fillSignIn(page, users.manager, 'not-the-password');
    await expect.poll(() => page.locator('[data-role="login-error"]').textContent()).toBe('Wrong username or password.');
    expect(await page.locator('[data-role="user-menu"]').count()).toBe(0);
    await fillSignIn(page, users.manager, passwords[users.manager]);
    await page.waitForURL(/\/import\?lang=en/);
    const menu = page.locator('[data-role="user-menu"]');
    await expect.poll(() => menu.textContent()).toContain(users.manager);
    expect(await menu.textContent()).toContain('Project manager');
    expect(await navLinks(page)).toContain('Import data');
    expect(await navLinks(page)).not.toContain('Targets');
    expect(await navLinks(page)).not.toContain('Audit log');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Import data');
    expect(await page.textContent('main')).toContain('You can import data for: ');

    // The figure before: VERTE's participants in 2022, exact for the manager of VERTE.
    await page.goto(url(explorerView));
    const before = await verte2022(page);

    // On to the Import page inside the app (answers kept so far stay kept unless something changes).
    await page.locator('#main-nav').getByRole('link', { name: 'Import data' }).click();
    await page.waitForURL(/\/import\?/);

    // The template: the header row of the participation columns.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-role="template"]').click()]);
    expect(download.suggestedFilename()).toBe('inclusion-monitor-participation-template.csv');
    const template = fs.readFileSync((await download.path())!, 'utf8');
    expect(template.replace(/^\uFEFF/, '').trim()).toBe(TEMPLATES.participation.join(','));
    await expect.poll(() => page.locator('.template-box').textContent()).toContain('target_groups');

    // A file with two bad rows: nothing is imported, and the table points at both (header = row 1).
    const rows = Array.from({ length: importedRows }, (_, i) => participationRow(i + 1));
    const bad = rows.map((r, i) => (i === 2 ? { ...r, entry_date: '2022-13-45' } : i === 6 ? { ...r, municipality: '9999999' } : r));
    open.expectFailure(/\/api\/import\?kind=participation$/, 422);
    await page.getByLabel('File (CSV or XLSX, up to 50 MB)').setInputFiles(writeFile('verte-q1.csv', csv('participation', bad)));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    const result = page.locator('.import-result');
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('rejected');
    expect(await result.locator('h3').textContent()).toBe('Not imported: correct these rows');
    expect(await result.textContent()).toContain('Problems found: 2');
    const errorRows = await result.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(errorRows.map(([row, column]) => [row, column])).toEqual([
      ['4', 'entry_date'],
      ['8', 'municipality'],
    ]);
    expect(errorRows.every(([, , message]) => (message ?? '').length > 5)).toBe(true);
    // Focus lands on the result, so keyboard users continue from there.
    expect(await page.evaluate(() => document.activeElement?.closest('.import-result') !== null)).toBe(true);
    await screenshot(page, 'import-rejected-1280');

    // A file in the wrong template: the file as a whole is refused, with the server's reason.
    open.expectFailure(/\/api\/import\?kind=participation$/, 400);
    await page.getByLabel('File (CSV or XLSX, up to 50 MB)').setInputFiles(writeFile('wrong-kind.csv', csv('consultation', [])));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('file');
    expect(await result.locator('h3').textContent()).toBe('The file could not be read');
    expect((await result.locator('.server-message').textContent())!.length).toBeGreaterThan(10);

    // Fixed and chosen again: imported, with the dataset in the list and a rollback for its importer.
    await page.getByLabel('File (CSV or XLSX, up to 50 MB)').setInputFiles(writeFile('verte-q1.csv', csv('participation', rows)));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('imported');
    expect(await result.locator('h3').textContent()).toBe('Imported');
    expect(await result.locator('[data-role="rows"]').textContent()).toBe(String(importedRows));
    expect(await result.locator('[data-role="replaced"]').textContent()).toBe('0');
    const dataset = (await result.locator('[data-role="dataset"]').textContent())!.trim();
    expect(dataset).toMatch(/^import-\d{14}-[0-9a-f]{8}$/);
    const listed = page.locator(`tr[data-dataset="${dataset}"]`);
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.textContent()).toContain('verte-q1.csv');
    expect(await listed.getByRole('button', { name: `Roll back dataset ${dataset}` }).count()).toBe(1);
    await screenshot(page, 'import-imported-1280');

    // The same file again changes nothing.
    await page.getByLabel('File (CSV or XLSX, up to 50 MB)').setInputFiles(writeFile('verte-q1-again.csv', csv('participation', rows)));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('duplicate');
    expect(await result.textContent()).toContain(dataset);

    // A correction of two records replaces them; the server then refuses to roll the first import back
    // before the correction, and the page shows its reason.
    const corrected = [participationRow(1, { outcome: 'EMPLOYMENT' }), participationRow(2, { outcome: 'EMPLOYMENT' })];
    await page.getByLabel('File (CSV or XLSX, up to 50 MB)').setInputFiles(writeFile('verte-q1-corrections.csv', csv('participation', corrected)));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect.poll(() => result.locator('[data-role="replaced"]').textContent()).toBe('2');
    expect(await result.locator('[data-role="dataset"]').textContent()).not.toContain(dataset);
    open.expectFailure(/\/graphql$/, 400);
    await listed.getByRole('button', { name: `Roll back dataset ${dataset}` }).click();
    await listed.getByRole('button', { name: 'Yes, roll back' }).click();
    await expect.poll(() => page.locator('[data-role="rollback-message"]').textContent()).toContain('roll it back first');
    expect(await listed.count()).toBe(1);

    // Back to the Explorer inside the app: the figure rose by exactly the rows imported.
    await page.locator('#main-nav').getByRole('link', { name: 'Explorer' }).click();
    await page.waitForURL(/\/explorer\?/);
    await expect.poll(() => verte2022(page), { timeout: 10_000 }).toBe(before + importedRows);
    await screenshot(page, 'import-explorer-after-1280');
    expectNoErrors(open);
    await page.close();
  });

  it('an official sets a target, sees the API point at a wrong field, and sees the target and its history', async () => {
    const context = await freshContext();
    const open = await signInTo(context, users.official, '/targets?lang=en');
    const { page } = open;
    expect(await navLinks(page)).toEqual(expect.arrayContaining(['Targets']));
    expect(await navLinks(page)).not.toContain('Import data');
    expect(await navLinks(page)).not.toContain('Audit log');
    await page.waitForSelector('.targets-table');

    const form = page.locator('.target-form');
    await expect.poll(() => form.getByLabel('Programme').locator('option').count()).toBeGreaterThan(1);
    // Nothing filled in: the form says what is missing without asking the API.
    await form.getByRole('button', { name: 'Save target' }).click();
    await expect.poll(() => form.locator('[data-role="form-error"]').textContent()).toContain('The target was not saved');
    expect(await form.locator('.field-error').count()).toBe(5);

    // Period the wrong way round: the API says so, next to "From" (extensions.field = input.periodFrom).
    await form.getByLabel('Programme').selectOption('DIVERSITY');
    await form.getByLabel('Measure').selectOption('PARTICIPANTS');
    await form.getByLabel('From').fill('2021-12-31');
    await form.getByLabel('To').fill('2021-01-01');
    await form.getByLabel('Target', { exact: true }).fill('1 500');
    await form.getByLabel('Note (optional)').fill('Set by the browser test');
    open.expectFailure(/\/graphql$/, 400);
    await form.getByRole('button', { name: 'Save target' }).click();
    const fromField = form.getByLabel('From');
    await expect.poll(() => fromField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await fromField.getAttribute('aria-describedby'))!;
    expect(await page.locator(`#${describedBy}`).textContent()).toContain('is after periodTo');
    // Focus is on the field to correct.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('periodFrom');
    await screenshot(page, 'targets-error-1280');

    await fromField.fill('2021-01-01');
    await form.getByLabel('To').fill('2021-12-31');
    await form.getByRole('button', { name: 'Save target' }).click();
    await expect.poll(() => form.locator('[data-role="saved"]').textContent()).toContain('target 1,500');
    const row = page.locator('tr[data-target="DIVERSITY|PARTICIPANTS|2021-01-01|2021-12-31|"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('[data-role="target"]').textContent()).toBe('1,500');

    // History: on an earlier day the new target was not set yet, and the demo target raised in 2020 was lower.
    await page.getByLabel('Compare with the targets on').fill('2019-01-01');
    await expect.poll(() => row.locator('[data-role="then"]').textContent()).toBe('not set yet');
    const raised = page.locator('tr[data-target="DIVERSITY|PARTICIPANTS|2018-01-01|2023-12-31|"]');
    expect(await raised.locator('[data-role="target"]').textContent()).toBe('4,500');
    expect(await raised.locator('[data-role="then"]').textContent()).toBe('4,000');
    await screenshot(page, 'targets-1280');

    // The Overview's progress against targets shows it too.
    await page.locator('#main-nav').getByRole('link', { name: 'Overview' }).click();
    await page.waitForURL(/\/\?lang=en/);
    await expect.poll(() => page.locator('.kpi-progress').textContent()).toContain('of 1,500');
    expectNoErrors(open);
    await page.close();
  });

  it('an admin reads the audit log: entries of the others, filtered by action, a page at a time, as CSV', async () => {
    const context = await freshContext();
    const open = await signInTo(context, users.admin, '/audit?lang=en');
    const { page } = open;
    expect(await navLinks(page)).toEqual(expect.arrayContaining(['Import data', 'Targets', 'Audit log']));
    const table = page.locator('.audit-table');
    await table.waitFor();
    const actions = () => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    expect(await actions()).toEqual(expect.arrayContaining(['login', 'login_failed', 'import_rejected', 'import_accepted', 'import_duplicate', 'kpi_target_set']));

    // Details are readable: labelled values, not JSON.
    const target = table.locator('tr[data-action="kpi_target_set"]').first();
    expect(await target.textContent()).toContain(users.official);
    const details = await target.locator('.detail-list').textContent();
    expect(details).toContain('Programme');
    expect(details).toContain('DIVERSITY');
    expect(details).toContain('Set by the browser test');
    expect(details).not.toContain('{');

    await page.getByLabel('Action').selectOption('import_accepted');
    await expect.poll(actions).toEqual(['import_accepted', 'import_accepted']);
    const accepted = await table.locator('tbody tr').allTextContents();
    expect(accepted.every((row) => row.includes(users.manager))).toBe(true);
    expect(accepted[0]).toContain('verte-q1-corrections.csv');
    expect(accepted[1]).toContain('verte-q1.csv');
    await screenshot(page, 'audit-1280');

    // Paging: two entries a page would need a smaller page; ten entries a page over everything does.
    await page.getByLabel('Action').selectOption('');
    await page.getByLabel('Entries per page').selectOption('10');
    await expect.poll(async () => (await actions()).length).toBe(10);
    const first = await table.locator('tbody tr').first().getAttribute('data-entry');
    await page.getByRole('button', { name: 'Older entries' }).click();
    await expect.poll(() => page.locator('.pager').textContent()).toContain('Page 2');
    await expect.poll(() => table.locator('tbody tr').first().getAttribute('data-entry')).not.toBe(first);
    const second = Number(await table.locator('tbody tr').first().getAttribute('data-entry'));
    expect(second).toBeLessThan(Number(first));
    await page.getByRole('button', { name: 'Newer entries' }).click();
    await expect.poll(() => table.locator('tbody tr').first().getAttribute('data-entry')).toBe(first);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('id,at,action,username,ip,request_id,details');
    expect(text).toContain('import_accepted');

    // The admin may roll back the manager's imports, newest first; each leaves the list.
    await page.locator('#main-nav').getByRole('link', { name: 'Import data' }).click();
    const imported = page.locator('tr[data-dataset^="import-"]');
    await expect.poll(() => imported.count()).toBe(2);
    for (const left of [1, 0]) {
      const newest = imported.first();
      const dataset = await newest.getAttribute('data-dataset');
      await newest.getByRole('button', { name: `Roll back dataset ${dataset}` }).click();
      await newest.getByRole('button', { name: 'Yes, roll back' }).click();
      await expect.poll(() => page.locator('[data-role="rollback-message"]').textContent()).toBe(`Dataset ${dataset} was rolled back.`);
      await expect.poll(() => imported.count()).toBe(left);
    }
    expectNoErrors(open);
    await page.close();
  });

  it('tells a signed-in user a page is not for their role, and signs out from the user menu by keyboard', async () => {
    const context = await freshContext();
    const open = await signInTo(context, users.official, '/import?lang=en');
    const { page } = open;
    await expect.poll(() => page.locator('.access-note').textContent()).toContain('Your role (Official) cannot use this page. It is for: Project manager, Administrator.');
    expect(await page.locator('input[type="file"]').count()).toBe(0);

    // The user menu: a button that opens with the keyboard, closes with Escape, and signs out.
    const menu = page.locator('[data-role="user-menu"]');
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-role'))).toBe('user-menu');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Sign out');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.user-menu a').textContent()).toBe('Sign in');
    await expect.poll(() => page.locator('.access-note').textContent()).toContain('Sign in to use this page');
    expect(await navLinks(page)).not.toContain('Targets');
    expectNoErrors(open);
    await page.close();
  });

  it('says when sign-in is rate-limited', async () => {
    const context = await freshContext();
    const open = await openPage(context, url('/login?lang=en'));
    const { page } = open;
    // Five failures for one username within the window; the sixth attempt is refused outright.
    for (let i = 0; i < 5; i++) {
      open.expectFailure(/\/graphql$/, 401);
      await fillSignIn(page, 'nobody.here', `wrong-${i}`);
      await expect.poll(() => page.locator('[data-role="login-error"]').textContent()).toBe('Wrong username or password.');
      await expect.poll(() => page.getByRole('button', { name: 'Sign in', exact: true }).isEnabled()).toBe(true);
    }
    open.expectFailure(/\/graphql$/, 429);
    await fillSignIn(page, 'nobody.here', 'wrong-again');
    await expect.poll(() => page.locator('[data-role="login-error"]').textContent()).toBe('Too many failed sign-in attempts. Wait 15 minutes, then try again.');
    expectNoErrors(open);
    await page.close();
  });

  it.each([
    { name: 'login', path: '/login?lang=lv', user: null },
    { name: 'import', path: '/import?lang=lv', user: 'manager' as const },
    { name: 'targets', path: '/targets?lang=lv', user: 'official' as const },
    { name: 'audit', path: '/audit?lang=lv', user: 'admin' as const },
  ])('$name works at 375 px, in Latvian', async ({ name, path: target, user }) => {
    const context = await freshContext(375);
    const open = user ? await signInTo(context, users[user], target) : await openPage(context, url(target));
    expect(await open.page.evaluate(() => window.innerWidth)).toBe(375);
    const { page } = open;
    await page.waitForSelector('main h1');
    await page.waitForFunction(() => !document.querySelector('main .card-skeleton'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal scroll at 375 px on ${name}`).toBeLessThanOrEqual(0);
    const heading = await page.textContent('main h1');
    expect(heading).toBe({ login: 'Pieteikties', import: 'Datu imports', targets: 'Mērķi', audit: 'Audita žurnāls' }[name]);
    if (user) {
      // The user menu opens within the screen.
      await page.locator('[data-role="user-menu"]').click();
      const box = await page.locator('.user-panel').boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
      await page.locator('[data-role="user-menu"]').click();
    }
    await screenshot(page, `${name}-375`);
    expectNoErrors(open);
    await page.close();
  });
});
