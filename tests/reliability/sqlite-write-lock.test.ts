import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFilename } from '../../server/db/connection';
import { addUser, signIn } from '../helpers/accounts';
import { startTestServer, type TestServer } from '../helpers/server';

/*
 * A write from the server while another connection holds SQLite's write lock (an import's worker thread, the
 * command line): it waits for the lock without stopping the event loop (server/db/sqlite-client.ts). Here
 * a separate connection takes the lock with BEGIN IMMEDIATE, as an import's transaction holds it.
 */
describe('a SQLite write waiting for another connection’s write lock', () => {
  let server: TestServer;
  let password: string;
  beforeAll(async () => {
    server = await startTestServer({ engine: 'sqlite' });
    password = await addUser(server, 'official', 'OFFICIAL');
  });
  afterAll(() => server?.close());

  it('leaves the server answering meanwhile, and goes through once the lock is released', async () => {
    const holder = new Database(sqliteFilename(server.db)!);
    holder.exec('BEGIN IMMEDIATE');
    let signedIn = false;
    // A sign-in writes its session and an audit entry.
    const login = signIn(server.baseUrl, 'official', password).finally(() => (signedIn = true));
    let answered = 0;
    const until = performance.now() + 1500;
    while (performance.now() < until) {
      if ((await fetch(`${server.baseUrl}/healthz`)).ok) answered++;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(signedIn).toBe(false);
    holder.exec('ROLLBACK');
    holder.close();
    const { cookie } = await login;
    expect(cookie).toMatch(/^im_session=/);
    // A blocked event loop would have answered none of these until the lock was gone.
    expect(answered).toBeGreaterThan(20);
  });
});
