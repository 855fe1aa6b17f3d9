import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signIn, upload } from '../helpers/accounts';
import { testDatabases } from '../helpers/databases';
import { csv, participationRow } from '../helpers/import-files';
import { gql, startTestServer, type TestServer } from '../helpers/server';

/*
 * Imports racing each other and readers racing an import: every accepted file lands whole, a file sent
 * twice at once lands once, and readers keep getting answers (never SQLITE_BUSY) while a writer works.
 * An import killed mid-way is covered by tests/api/cli.test.ts.
 */

const TSX = path.resolve('node_modules/.bin/tsx');
const NEW_IN_2022 = '{ aggregate(query: { measures: [NEW_PARTICIPANTS], filter: { institutions: ["VERTE"], from: "2022-01-01", to: "2022-12-31" } }) { totals { value } } }';
/** A different query per reader round, so no reader is answered from the response cache. */
const readerQuery = (i: number) => `{ aggregate(query: { measures: [PARTICIPANTS], filter: { from: "2019-01-01", to: "2021-${String((i % 12) + 1).padStart(2, '0')}-28" } }) { totals { value } } }`;

/** A participation file of `n` rows whose record ids and persons start with `prefix`. */
const fileOf = (prefix: string, n: number) =>
  csv('participation', Array.from({ length: n }, (_, i) => participationRow(i, { record_id: `${prefix}-${i}`, person_key: `${prefix.toLowerCase()}person${String(i).padStart(8, '0')}` })));

describe.each(testDatabases())('no data lost on $id', ({ id }) => {
  let server: TestServer;
  let manager: string;
  const official = async () => (await signIn(server.baseUrl, 'nolost-official', officialPassword)).cookie;
  let officialPassword: string;
  const newIn2022 = async (cookie: string) => {
    const response = await fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query: NEW_IN_2022 }) });
    return ((await response.json()) as any).data.aggregate.totals[0].value as number;
  };
  const rowsOf = async (dataset: string) => Number((await server.db('participation').where({ dataset_id: dataset }).count({ n: '*' }))[0].n);

  beforeAll(async () => {
    server = await startTestServer({ engine: id });
    manager = (await signIn(server.baseUrl, 'nolost-manager', await addUser(server, 'nolost-manager', 'MANAGER', ['VERTE']))).cookie;
    officialPassword = await addUser(server, 'nolost-official', 'OFFICIAL');
  });
  afterAll(() => server?.close());

  it('four different files imported at once all land, whole', async () => {
    const cookie = await official();
    const before = await newIn2022(cookie);
    const sizes = [300, 1200, 50, 700];
    const results = await Promise.all(sizes.map((n, i) => upload(server.baseUrl, manager, 'participation', fileOf(`C${i}`, n), `concurrent-${i}.csv`)));
    for (const [i, result] of results.entries()) {
      expect(result).toMatchObject({ status: 200, body: { status: 'imported', rows: sizes[i], replaced: 0 } });
      expect(await rowsOf(result.body.dataset)).toBe(sizes[i]);
    }
    expect(new Set(results.map((r) => r.body.dataset)).size).toBe(sizes.length);
    expect(await newIn2022(cookie)).toBe(before + sizes.reduce((a, b) => a + b));
  });

  // Known failure on PostgreSQL (docs/reliability.md, "Open"): the importer looks for an earlier copy of the
  // file outside its transaction, so two copies at once both pass the check; within one second the second
  // one's dataset id collides (a 500), a second later both would land. Remove `.fails` once fixed.
  it('the same file sent twice at once (a double click) lands once', async () => {
    const file = fileOf('D', 400);
    const results = await Promise.all([0, 1].map(() => upload(server.baseUrl, manager, 'participation', file, 'double-click.csv')));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.body.status).sort()).toEqual(['duplicate', 'imported']);
    expect(Number((await server.db('participation').where('record_id', 'like', 'D-%').count({ n: '*' }))[0].n)).toBe(400);
  });
});

describe('SQLite readers during a large import', () => {
  let server: TestServer;
  let manager: string;
  beforeAll(async () => {
    server = await startTestServer({ engine: 'sqlite' });
    manager = (await signIn(server.baseUrl, 'reader-manager', await addUser(server, 'reader-manager', 'MANAGER', ['VERTE']))).cookie;
  });
  afterAll(() => server?.close());

  /** Readers asking one after another until `work` settles; every answer recorded with its latency. */
  async function readWhile<T>(work: Promise<T>, readers = 4) {
    let done = false;
    const settled = work.finally(() => (done = true));
    const answers: { status: number; errors?: unknown; ms: number }[] = [];
    await Promise.all(
      Array.from({ length: readers }, async (_, r) => {
        for (let i = r; !done; i += readers) {
          const started = Date.now();
          const { status, body } = await gql(server.baseUrl, readerQuery(i));
          answers.push({ status, errors: body.errors, ms: Date.now() - started });
        }
      }),
    );
    return { result: await settled, answers, slowest: Math.max(...answers.map((a) => a.ms)) };
  }

  it('an import by the command line (another process, another connection): readers are answered throughout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-readers-'));
    const file = path.join(dir, 'large.csv');
    fs.writeFileSync(file, fileOf('CLI', 25_000));
    const database = (server.db.client.config.connection as { filename: string }).filename;
    const child = spawn(TSX, ['server/cli/import.ts', file, '--kind', 'participation'], { env: { ...process.env, DATABASE_URL: `sqlite:${database}`, LOG_LEVEL: 'silent' }, stdio: 'ignore' });
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const { result, answers, slowest } = await readWhile(exit);
    fs.rmSync(dir, { recursive: true });

    console.log(`CLI import of 25,000 rows: ${answers.length} reads answered meanwhile, slowest ${slowest} ms`);
    expect(result).toBe(0);
    expect(answers.filter((a) => a.status !== 200 || a.errors)).toEqual([]);
    expect(answers.length).toBeGreaterThan(10);
    expect(Number((await server.db('participation').where('record_id', 'like', 'CLI-%').count({ n: '*' }))[0].n)).toBe(25_000);
  }, 120_000);

  it('an import through the server: no reader gets an error, and the file lands', async () => {
    const { result, answers, slowest } = await readWhile(upload(server.baseUrl, manager, 'participation', fileOf('HTTP', 25_000), 'large.csv'));
    const shed = answers.filter((a) => a.status === 503);
    console.log(`HTTP import of 25,000 rows: ${answers.length - shed.length} reads answered meanwhile, ${shed.length} asked to retry (event loop busy), slowest ${slowest} ms`);
    expect(result).toMatchObject({ status: 200, body: { status: 'imported', rows: 25_000 } });
    // The import keeps this process's event loop busy; load shedding may ask a reader to retry. Nothing else.
    const busy = [{ message: 'The server is busy; please retry in a few seconds.', extensions: { code: 'SERVICE_UNAVAILABLE' } }];
    expect(answers.filter((a) => (a.status === 503 ? JSON.stringify(a.errors) !== JSON.stringify(busy) : a.status !== 200 || a.errors))).toEqual([]);
  }, 120_000);
});
