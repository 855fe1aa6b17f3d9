import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../server/config';
import { migrateLatest, openDatabase } from '../../server/db/connection';
import { onWritesSettled } from '../../server/db/write-watch';
import { addUser, gqlAs, signIn, upload } from '../helpers/accounts';
import { testDatabases, type TestDatabase } from '../helpers/databases';
import { csv, participationRow } from '../helpers/import-files';
import { startTestServer, type TestServer } from '../helpers/server';

/*
 * What a request costs in database statements, counted with knex's `query` event: a count is deterministic
 * where a time is not, and on PostgreSQL every statement is a network round trip (docs/performance.md).
 */

/** An aggregate the response cache keeps; each `day` is a new question, so no cache answers it. */
const aggregate = (day: number) =>
  `{ aggregate(query: { measures: [PARTICIPANTS], dimensions: [GENDER], filter: { from: "2021-01-${String(day).padStart(2, '0')}", to: "2022-12-31" } }) { totals { value } } }`;
const NEW_IN_2023 = '{ aggregate(query: { measures: [NEW_PARTICIPANTS], filter: { institutions: ["VERTE"], from: "2023-01-01", to: "2023-12-31" } }) { totals { value } } }';

/** The SQL statements the server ran while `work` ran. */
async function statementsDuring(server: TestServer, work: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const record = (query: { sql: string }) => statements.push(query.sql);
  server.db.on('query', record);
  try {
    await work();
  } finally {
    server.db.removeListener('query', record);
  }
  return statements;
}

const reads = (table: string) => (sql: string) => new RegExp(`^select .* from [\`"]${table}[\`"]`, 'i').test(sql);

describe.each(testDatabases())('database statements per request on $id', ({ id }) => {
  describe('with the data version and the session read on every request (DATA_VERSION_TTL_MS=0, SESSION_TTL_MS=0)', () => {
    let server: TestServer;
    let official: string;
    beforeAll(async () => {
      server = await startTestServer({ engine: id, env: { DATA_VERSION_TTL_MS: '0', SESSION_TTL_MS: '0' } });
      official = (await signIn(server.baseUrl, 'official', await addUser(server, 'official', 'OFFICIAL'))).cookie;
      await gqlAs(server.baseUrl, official, aggregate(1)); // loads the rollup and the data's extent
    });
    afterAll(() => server?.close());

    it('a signed-in aggregate costs two statements: the session (one joined query) and the data version, read once', async () => {
      const statements = await statementsDuring(server, async () => expect((await gqlAs(server.baseUrl, official, aggregate(2))).body.data.aggregate.totals[0].value).toBeGreaterThan(0));
      expect(statements).toHaveLength(2);
      expect(statements[0]).toMatch(/from [`"]session[`"] as [`"]s[`"] inner join [`"]app_user[`"]/i);
      expect(reads('dataset')(statements[1])).toBe(true);
    });

    it('an anonymous aggregate costs one: the data version', async () => {
      const statements = await statementsDuring(server, () => gqlAs(server.baseUrl, undefined, aggregate(3)));
      expect(statements).toHaveLength(1);
      expect(reads('dataset')(statements[0])).toBe(true);
    });
  });

  describe('with the data version shared for a minute, so that only its invalidation can show an import', () => {
    let server: TestServer;
    let manager: string;
    beforeAll(async () => {
      server = await startTestServer({ engine: id, env: { DATA_VERSION_TTL_MS: '60000', SESSION_TTL_MS: '0' } });
      manager = (await signIn(server.baseUrl, 'manager', await addUser(server, 'manager', 'MANAGER', ['VERTE']))).cookie;
      await gqlAs(server.baseUrl, manager, aggregate(1));
    });
    afterAll(() => server?.close());

    it('a signed-in aggregate costs one statement (the session), an anonymous one none', async () => {
      expect(await statementsDuring(server, () => gqlAs(server.baseUrl, manager, aggregate(2)))).toHaveLength(1);
      expect(await statementsDuring(server, () => gqlAs(server.baseUrl, undefined, aggregate(3)))).toEqual([]);
    });

    it('still resolves the session on every request: a disabled user is signed out at once', async () => {
      const password = await addUser(server, 'leaver', 'OFFICIAL');
      const { cookie } = await signIn(server.baseUrl, 'leaver', password);
      expect((await gqlAs(server.baseUrl, cookie, '{ me { username } }')).body.data.me).toEqual({ username: 'leaver' });
      await server.db('app_user').where({ username: 'leaver' }).update({ disabled: true });
      expect((await gqlAs(server.baseUrl, cookie, '{ me { username } }')).body.data.me).toBeNull();
    });

    it('an import through this server is in its very next answer, and so is its rollback', async () => {
      const newIn2023 = async () => (await gqlAs(server.baseUrl, manager, NEW_IN_2023)).body.data.aggregate.totals[0].value as number;
      const before = await newIn2023();
      expect(await newIn2023()).toBe(before);
      const rows = Array.from({ length: 12 }, (_, i) => participationRow(i, { record_id: `TTL-${i}`, person_key: `ttltest${String(i).padStart(8, '0')}`, entry_date: '2023-03-01', exit_date: '2023-06-30', outcome_date: '2023-06-30' }));
      const imported = await upload(server.baseUrl, manager, 'participation', csv('participation', rows), 'ttl.csv');
      expect(imported).toMatchObject({ status: 200, body: { status: 'imported', rows: 12 } });
      expect(await newIn2023()).toBe(before + 12);

      const rolledBack = await gqlAs(server.baseUrl, manager, 'mutation ($d: ID!) { rollbackImport(dataset: $d) }', { d: imported.body.dataset });
      expect(rolledBack.body).toEqual({ data: { rollbackImport: true } });
      expect(await newIn2023()).toBe(before);
    });
  });
});

describe.each(testDatabases())('sessions shared between requests (SESSION_TTL_MS=1000) on $id', ({ id }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine: id, env: { SESSION_TTL_MS: '1000' } });
  });
  afterAll(() => server?.close());

  const sessionReads = (statements: string[]) => statements.filter((sql) => /from [`"]session[`"] as [`"]s[`"]/i.test(sql)).length;
  const me = async (cookie: string) => (await gqlAs(server.baseUrl, cookie, '{ me { username role } }')).body.data.me;

  it('a page of questions at once, and the next within the TTL, read the session once', async () => {
    const { cookie } = await signIn(server.baseUrl, 'page', await addUser(server, 'page', 'OFFICIAL'));
    const statements = await statementsDuring(server, async () => {
      const answers = await Promise.all(Array.from({ length: 6 }, (_, day) => gqlAs(server.baseUrl, cookie, aggregate(day + 1))));
      for (const answer of answers) expect(answer.body.data.aggregate.totals[0].value).toBeGreaterThan(0);
      expect(await me(cookie)).toEqual({ username: 'page', role: 'OFFICIAL' });
    });
    expect(sessionReads(statements)).toBe(1);
  });

  it('a logout, a disabled user and a change of role through this server count at the very next request', async () => {
    const password = await addUser(server, 'changing', 'MANAGER', ['VERTE']);
    let { cookie } = await signIn(server.baseUrl, 'changing', password);
    expect(await me(cookie)).toEqual({ username: 'changing', role: 'MANAGER' });
    await server.db('app_user').where({ username: 'changing' }).update({ role: 'OFFICIAL' });
    expect(await me(cookie)).toEqual({ username: 'changing', role: 'OFFICIAL' });

    await gqlAs(server.baseUrl, cookie, 'mutation { logout }');
    expect(await me(cookie)).toBeNull();

    ({ cookie } = await signIn(server.baseUrl, 'changing', password));
    expect(await me(cookie)).toEqual({ username: 'changing', role: 'OFFICIAL' });
    await server.db('app_user').where({ username: 'changing' }).update({ disabled: true });
    expect(await me(cookie)).toBeNull();
  });

  it('a change through another connection (another replica, the command line) counts within the TTL', async () => {
    const { cookie } = await signIn(server.baseUrl, 'elsewhere', await addUser(server, 'elsewhere', 'OFFICIAL'));
    expect(await me(cookie)).toEqual({ username: 'elsewhere', role: 'OFFICIAL' });
    const other = openDatabase(parseDatabaseUrl(server.databaseUrl));
    try {
      await other('session').whereIn('user_id', other('app_user').select('id').where({ username: 'elsewhere' })).delete();
      const loggedOutAt = performance.now();
      for (;;) {
        const askedAt = performance.now();
        const answer = await me(cookie);
        if (answer === null) break;
        expect(askedAt - loggedOutAt, 'still signed in on a question asked after the TTL').toBeLessThan(1000);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await other.destroy();
    }
  });
});

describe.each(testDatabases())('watching writes to a table on $id', (engine: TestDatabase) => {
  let database: Awaited<ReturnType<TestDatabase['create']>>;
  beforeAll(async () => {
    database = await engine.create();
    await migrateLatest(database.db);
  });
  afterAll(() => database?.drop());

  it('announces a committed write once its transaction is done, before the code awaiting it goes on; reads and other tables are not writes', async () => {
    const { db } = database;
    const events: string[] = [];
    const stop = onWritesSettled(db, ['dataset'], () => events.push('settled'));
    const dataset = { id: 'watched', kind: 'import', synthetic: false, fact: 'participation', description: 'test', row_count: 0, loaded_at: new Date().toISOString() };
    await db.transaction(async (trx) => {
      await trx('dataset').insert(dataset);
      await trx('dataset').select('id');
      events.push('inserted');
    });
    events.push('returned');
    expect(events).toEqual(['inserted', 'settled', 'returned']);

    await db('dataset').select('id');
    await db('audit_log').insert({ at: new Date().toISOString(), action: 'test' });
    expect(events).toHaveLength(3);
    await db('dataset').where({ id: 'watched' }).update({ row_count: 1 });
    expect(events).toHaveLength(4);
    await db('dataset').where({ id: 'watched' }).delete();
    expect(events).toHaveLength(5);
    stop();
    await db('dataset').insert(dataset);
    expect(events).toHaveLength(5);
  });
});
