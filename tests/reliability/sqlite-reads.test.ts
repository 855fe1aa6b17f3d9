import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analytics } from '../../server/analytics/aggregate';
import { PUBLIC_VIEWER } from '../../server/analytics/viewer';
import { Catalog } from '../../server/catalog/catalog';
import { loadConfig, parseDatabaseUrl } from '../../server/config';
import { openDatabase } from '../../server/db/connection';
import { startServer, type RunningServer } from '../../server/index';
import { ensureSeeded } from '../../seeds';
import { testDatabases, type TestDatabase } from '../helpers/databases';
import { gql } from '../helpers/server';

/*
 * The analytics SQL on SQLite runs in reader processes (server/analytics/sqlite-reader/): a statement past
 * QUERY_TIMEOUT_MS is stopped by killing its reader, the event loop is free while one runs, and a reader
 * that dies is replaced. Real HTTP against a real server; the readers are found among this process's
 * children by the database file on their command line.
 */

/** Every month of two centuries by municipality: about 9 s of SQLite at 50,000 episodes on the project's machine. */
const SLOW = `{ aggregate(query: { measures: [PARTICIPANTS, REINTEGRATION_RATE], dimensions: [MONTH, MUNICIPALITY], filter: { from: "1900-01-01", to: "2100-12-31" } }) { truncated } }`;
/** The published Viesīte figure: 60 participants. */
const VERTE = '{ aggregate(query: { measures: [PARTICIPANTS], filter: { institutions: ["VERTE"], from: "2020-09-01", to: "2021-05-01" } }) { totals { value } } }';
const TIMEOUT_MS = 1000;
const LEAK = /\bat [\w.<>]+ \(|\.ts:\d+|node_modules|\bSELECT\s|\bFROM\s+"?\w+|knex|sqlite|stacktrace/i;

async function call(baseUrl: string, query: string) {
  const { status, body: json } = await gql(baseUrl, query);
  return { status, text: JSON.stringify(json), json, code: json.errors?.[0]?.extensions?.code, message: json.errors?.[0]?.message };
}

/** This process's live children reading `filename` (a killed one that is not yet reaped does not count). */
function readerPids(filename: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const [state, ppid] = stat(Number(pid));
        const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return Number(ppid) === process.pid && state !== 'Z' && command.some((a) => a.endsWith('sqlite-reader/process.ts')) && command.includes(filename);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** The fields of /proc/<pid>/stat after the command: state, ppid, …; utime and stime are the 12th and 13th. */
function stat(pid: number): string[] {
  const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

function cpuTicks(pid: number): number {
  const fields = stat(pid);
  return Number(fields[11]) + Number(fields[12]);
}

/** The CPU time of a process once it has used none for 100 ms (a new one has some loading left after it is ready). */
async function quiet(pid: number): Promise<number> {
  for (let last = cpuTicks(pid); ; ) {
    await sleep(100);
    const now = cpuTicks(pid);
    if (now === last) return now;
    last = now;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return stat(pid)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('SQL on a SQLite file, in reader processes', () => {
  let database: Awaited<ReturnType<TestDatabase['create']>>;
  let server: RunningServer;
  let filename: string;
  /** The one reader, once it has answered a question. */
  const reader = async () => {
    expect(await call(server.url, VERTE)).toMatchObject({ status: 200, json: { data: { aggregate: { totals: [{ value: 60 }] } } } });
    return until(() => (readerPids(filename).length === 1 ? readerPids(filename)[0] : undefined), 'one reader process');
  };

  beforeAll(async () => {
    database = await testDatabases()[0].create();
    filename = (database.target as { filename: string }).filename;
    // Enough rows that SLOW takes many times the timeout: the published figures hold at any scale.
    await ensureSeeded(database.db, { scale: 50_000 });
    // The SQL engine, so every question is SQL (the in-memory rollup would answer SLOW at once).
    const env = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'test', DATABASE_URL: database.url, ANALYTICS_ENGINE: 'sql', QUERY_TIMEOUT_MS: String(TIMEOUT_MS) };
    server = await startServer(loadConfig(env));
  });
  afterAll(async () => {
    await server?.close();
    // Closing the server stopped its readers.
    if (filename) expect(readerPids(filename)).toEqual([]);
    await database?.drop();
  });

  it('a statement past QUERY_TIMEOUT_MS is stopped: 503 QUERY_TIMEOUT at the timeout, its reader killed and replaced, the next question answered', async () => {
    const before = await reader();
    const started = Date.now();
    const answer = await call(server.url, SLOW);
    const waited = Date.now() - started;
    expect({ status: answer.status, code: answer.code, message: answer.message }).toEqual({
      status: 503,
      code: 'QUERY_TIMEOUT',
      message: 'The query took too long and was cancelled; narrow the filter or use fewer dimensions.',
    });
    expect(answer.json.errors).toHaveLength(1);
    expect(answer.text).not.toMatch(LEAK);
    // Answered at the timeout, long before the statement would have finished (seconds more of work).
    expect(waited).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(waited).toBeLessThan(5000);
    // Stopped, not abandoned: the process that ran it is gone, and another reader has taken its place.
    await until(() => (alive(before) ? undefined : true), `reader ${before} to be gone`, 2000);
    const after = await reader();
    expect(after).not.toBe(before);
  });

  it('while a slow statement runs, the event loop and the server connection stay free', async () => {
    await reader();
    let settled = false;
    const slow = call(server.url, SLOW).finally(() => (settled = true));
    const meanwhile: string[] = [];
    while (!settled) {
      // /readyz asks the server's own SQLite connection (SELECT 1), /healthz nothing.
      for (const path of ['/healthz', '/readyz']) {
        const response = await fetch(`${server.url}${path}`);
        if (!settled) meanwhile.push(`${path} ${response.status} ${((await response.json()) as { status: string }).status}`);
      }
    }
    expect((await slow).code).toBe('QUERY_TIMEOUT');
    // On the event loop, the statement would have held both from its start to its end.
    expect(meanwhile.length).toBeGreaterThanOrEqual(10);
    expect(new Set(meanwhile)).toEqual(new Set(['/healthz 200 ok', '/readyz 200 ready']));
  });

  it('a reader that dies under a statement: that question gets 503 SERVICE_UNAVAILABLE, the next is answered by a new reader', async () => {
    const victim = await reader();
    const idle = await quiet(victim);
    const answer = call(server.url, SLOW);
    // Killed once it is running the statement (its CPU time grows), well before the timeout.
    await until(() => (cpuTicks(victim) > idle + 5 ? true : undefined), 'the reader to run the statement', TIMEOUT_MS);
    process.kill(victim, 'SIGKILL');
    const { status, code, message, text } = await answer;
    expect({ status, code, message }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE', message: 'The database is not available right now; please retry shortly.' });
    expect(text).not.toMatch(LEAK);
    expect(await reader()).not.toBe(victim);
  });
});

describe('SQL on a SQLite database in memory', () => {
  it('stays on the pool connection, which another process could not open', async () => {
    const db = openDatabase(parseDatabaseUrl('sqlite::memory:'));
    await ensureSeeded(db);
    const analytics = new Analytics(db, await Catalog.load(db), {
      suppressionThreshold: 5,
      engine: 'sql',
      sqliteReadProcesses: 1,
      queryTimeoutMs: TIMEOUT_MS,
    });
    try {
      const result = await analytics.aggregate({ measures: ['PARTICIPANTS'], filter: { institutions: ['VERTE'], from: '2020-09-01', to: '2021-05-01' } }, 'EN', PUBLIC_VIEWER);
      expect(result.totals).toEqual([{ measure: 'PARTICIPANTS', value: 60, suppressed: false }]);
      expect(readerPids(':memory:')).toEqual([]);
    } finally {
      await analytics.close();
      await db.destroy();
    }
  });
});
