import { setTimeout as sleep } from 'node:timers/promises';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/index';
import { ensureSeeded } from '../../seeds';
import { addUser, signIn } from '../helpers/accounts';
import { testDatabases, type TestDatabase } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

/*
 * PostgreSQL failing under a running server: its connections terminated while requests wait on them,
 * terminated again and again under load, and statements running past QUERY_TIMEOUT_MS. Requests caught
 * in it get a 503 with a clear message (never a 500), and the server recovers without help.
 */

const UNAVAILABLE = 'The database is not available right now; please retry shortly.';
const VERTE = '{ aggregate(query: { measures: [PARTICIPANTS], filter: { institutions: ["VERTE"], from: "2020-09-01", to: "2021-05-01" } }) { totals { value } } }';
const EXPORT = `/api/export?format=csv&query=${encodeURIComponent(JSON.stringify({ measures: ['PARTICIPANTS'], dimensions: ['YEAR'] }))}`;
/** Every month of two centuries by municipality: seconds of work on PostgreSQL for the SQL engine. */
const SLOW = `{ aggregate(query: { measures: [PARTICIPANTS, REINTEGRATION_RATE], dimensions: [MONTH, MUNICIPALITY], filter: { from: "1900-01-01", to: "2100-12-31" } }) { truncated } }`;

const postgres = testDatabases().find((d) => d.id === 'postgres');
const pgAvailable = postgres !== undefined;

async function call(baseUrl: string, what: { query?: string; variables?: unknown; path?: string; cookie?: string }) {
  const response = what.path
    ? await fetch(`${baseUrl}${what.path}`)
    : await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(what.cookie ? { cookie: what.cookie } : {}) },
        body: JSON.stringify({ query: what.query, variables: what.variables }),
      });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : {};
  return { status: response.status, text, code: json.errors?.[0]?.extensions?.code ?? json.error, message: json.errors?.[0]?.message ?? json.message };
}

/** A second connection to the server's own database, for locks and for pg_stat_activity. */
function observer(server: { db: Knex }): Knex {
  return knex({ client: 'pg', connection: (server.db.client.config.connection as { connectionString: string }).connectionString, pool: { min: 0, max: 2 } });
}

/** The server's statements in pg_stat_activity (everything on its database but the observer's own). */
async function serverStatements(db: Knex, state: 'waiting' | 'active'): Promise<number> {
  const condition = state === 'waiting' ? "wait_event_type = 'Lock'" : "state = 'active'";
  const { rows } = await db.raw(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${condition}`);
  return rows[0].n;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe.skipIf(!pgAvailable)('PostgreSQL connections terminated under a running server', () => {
  let server: TestServer;
  let db: Knex;
  let cookie: string;
  let password: string;

  beforeAll(async () => {
    // Every request reads the data version and its session itself (no read shared between requests), so
    // that each of the four below waits on a statement of its own when the connections are cut.
    server = await startTestServer({ engine: 'postgres', env: { DATA_VERSION_TTL_MS: '0', SESSION_TTL_MS: '0' } });
    db = observer(server);
    password = await addUser(server, 'fault-official', 'OFFICIAL');
    cookie = (await signIn(server.baseUrl, 'fault-official', password)).cookie;
  });
  afterAll(async () => {
    await db?.destroy();
    await server?.close();
  });

  const terminateServerConnections = () =>
    db.raw('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = $$client backend$$ AND pid NOT IN (SELECT pid FROM pg_locks WHERE mode = $$AccessExclusiveLock$$ AND granted)');

  /** Requests of each path to the database: analytics, an export, a resolver of our own (sign-in) and the session hook. */
  const requests = () => ({
    aggregate: { query: VERTE },
    export: { path: EXPORT },
    login: { query: 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { username } }', variables: { u: 'fault-official', p: password } },
    session: { query: '{ me { username } }', cookie },
  });

  it('requests waiting on the database when its connections are terminated get 503, and the next ones succeed', async () => {
    // Hold every table those requests read, so they are all in flight on a connection when it is cut.
    const lock = await db.transaction();
    let terminated: number;
    let inFlight: Promise<readonly [string, Awaited<ReturnType<typeof call>>]>[];
    try {
      await lock.raw('LOCK TABLE dataset, audit_log, session IN ACCESS EXCLUSIVE MODE');
      inFlight = Object.entries(requests()).map(async ([name, what]) => [name, await call(server.baseUrl, what)] as const);
      await until(async () => (await serverStatements(db, 'waiting')) >= 4, 'four requests waiting on the lock');
      terminated = (await terminateServerConnections()).rows[0].n;
    } finally {
      await lock.rollback();
    }
    expect(terminated).toBeGreaterThanOrEqual(4);
    for (const [name, answer] of await Promise.all(inFlight)) {
      expect({ name, status: answer.status, code: answer.code, message: answer.message }).toEqual({ name, status: 503, code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE });
      expect(answer.text).not.toMatch(/terminat|SELECT|pg_|knex/i);
    }

    for (const [name, what] of Object.entries(requests())) {
      expect({ name, status: (await call(server.baseUrl, what)).status }).toEqual({ name, status: 200 });
    }
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
  });

  it('connections terminated every 300 ms under load: only 200s and 503s, then full recovery', async () => {
    const statuses = new Map<string, number>();
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    let running = true;
    const kinds = Object.values(requests()).filter((w) => !('variables' in w));
    const clients = Array.from({ length: 6 }, async (_, i) => {
      for (let n = 0; running; n++) {
        const answer = await call(server.baseUrl, kinds[(i + n) % kinds.length]);
        count(`${answer.status} ${answer.code ?? ''}`.trim());
      }
    });
    let terminations = 0;
    for (let round = 0; round < 8; round++) {
      await sleep(300);
      terminations += (await terminateServerConnections()).rows[0].n;
    }
    running = false;
    await Promise.all(clients);

    console.log(`terminated ${terminations} server connections under load; answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(terminations).toBeGreaterThan(0);
    expect([...statuses.keys()].every((k) => k === '200' || k === '503 SERVICE_UNAVAILABLE')).toBe(true);
    // The last round's terminations reach the server's idle pooled connections as error events a moment
    // later; a request that takes such a connection first is "in flight" and may rightly get its 503.
    await sleep(500);
    for (let n = 0; n < 20; n++) expect((await call(server.baseUrl, kinds[n % kinds.length])).status).toBe(200);
  });
});

describe.skipIf(!pgAvailable)('statements over QUERY_TIMEOUT_MS', () => {
  let database: Awaited<ReturnType<TestDatabase['create']>>;
  let server: RunningServer & { baseUrl: string };
  let db: Knex;

  beforeAll(async () => {
    // Seeded beforehand without a timeout: the demo data's bulk writes take longer than the 300 ms under test.
    database = await postgres!.create();
    await ensureSeeded(database.db);
    // The SQL engine, so that a slow aggregate is a slow statement (the in-memory rollup would answer it).
    // The data version read on every request, so that a request always reads the `dataset` table locked below.
    const env = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'test', DATABASE_URL: database.url, QUERY_TIMEOUT_MS: '300', ANALYTICS_ENGINE: 'sql', DATA_VERSION_TTL_MS: '0' };
    const running = await startServer(loadConfig(env));
    server = { ...running, baseUrl: running.url };
    db = observer(server);
  });
  afterAll(async () => {
    await db?.destroy();
    await server?.close();
    await database?.drop();
  });

  it('a slow aggregate is cancelled on the database and answered 503 QUERY_TIMEOUT', async () => {
    let done = false;
    const answer = call(server.baseUrl, { query: SLOW }).finally(() => (done = true));
    let sawRunning = false;
    while (!done) {
      sawRunning ||= (await serverStatements(db, 'active')) > 0;
      await sleep(10);
    }
    const { status, code, message } = await answer;
    expect({ status, code, message }).toEqual({ status: 503, code: 'QUERY_TIMEOUT', message: 'The query took too long and was cancelled; narrow the filter or use fewer dimensions.' });
    expect(sawRunning).toBe(true);
    // Cancelled on the server, not only abandoned by the client: nothing of it is still running.
    await until(async () => (await serverStatements(db, 'active')) === 0, 'the cancelled statements to end', 1000);
  });

  it('a statement stuck behind a lock is cancelled at the timeout, and the server answers once the lock is gone', async () => {
    const lock = await db.transaction();
    try {
      await lock.raw('LOCK TABLE dataset IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const answer = call(server.baseUrl, { query: VERTE });
      await until(async () => (await serverStatements(db, 'waiting')) > 0, 'the request to wait on the lock');
      const { status, code } = await answer;
      const waited = Date.now() - started;
      expect({ status, code }).toEqual({ status: 503, code: 'QUERY_TIMEOUT' });
      // Not before the timeout: it was the timeout, not the lock, that ended the wait.
      expect(waited).toBeGreaterThanOrEqual(300);
      // Nothing stays stuck behind the lock: the server's own background reads (its warm-up) that queued on it
      // are cancelled at their timeout too, so within one more timeout none is left waiting.
      await until(async () => (await serverStatements(db, 'waiting')) === 0, 'every statement waiting on the lock to be cancelled', 600);
    } finally {
      await lock.rollback();
    }
    expect((await call(server.baseUrl, { query: VERTE })).status).toBe(200);
  });
});
