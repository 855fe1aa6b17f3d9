import { setTimeout as sleep } from 'node:timers/promises';
// knex publishes no types for its dialect classes; knex-dialects.d.ts declares the little used here.
import BetterSqlite3Client from 'knex/lib/dialects/better-sqlite3/index.js';
import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

/*
 * knex's better-sqlite3 client, except that a statement which finds SQLite's write lock taken (another
 * connection is writing: an import's worker thread, the command line) waits for it without stopping the
 * event loop. SQLite's own busy handler (busy_timeout) sleeps the calling thread between its tries, so with
 * it a login during an import stalled every request of the server until the import committed; here the
 * connection's busy_timeout is 0, SQLite answers SQLITE_BUSY at once, and the statement is tried again after
 * a timer, up to the same 5 s SQLite waited before. The pool's one connection waits meanwhile, so other
 * statements queue behind it as they did, but the server goes on answering what needs no database.
 * Retrying a statement is what the busy handler does too: SQLITE_BUSY leaves the transaction as it was.
 */

/*
 * And each connection keeps its prepared statements: knex prepares every statement again on every query,
 * which for a request's session lookup (three tables joined) cost more than running it (0.17 against
 * 0.16 ms inside a request). better-sqlite3 re-prepares a kept statement by itself when the schema has
 * changed. A statement keeps the settings made on it, so nothing here may set per-query options on one
 * (knex's `safeIntegers` option would; nothing uses it).
 */
const KEPT_STATEMENTS = 200;

/** How long a statement waits for the write lock in all before SQLITE_BUSY reaches its caller. */
export const BUSY_WAIT_MS = 5000;
const FIRST_RETRY_MS = 2;
const MAX_RETRY_MS = 50;

export class WaitingSqliteClient extends BetterSqlite3Client {
  override async acquireRawConnection(): Promise<Database.Database> {
    const connection = await super.acquireRawConnection();
    const prepare = connection.prepare.bind(connection);
    const kept = new LRUCache<string, Database.Statement>({ max: KEPT_STATEMENTS });
    connection.prepare = ((sql: string) => {
      let statement = kept.get(sql);
      if (!statement) kept.set(sql, (statement = prepare(sql)));
      return statement;
    }) as typeof connection.prepare;
    return connection;
  }

  override async _query(connection: unknown, obj: unknown): Promise<unknown> {
    const started = performance.now();
    for (let wait = FIRST_RETRY_MS; ; wait = Math.min(wait * 2, MAX_RETRY_MS)) {
      try {
        return await super._query(connection, obj);
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || performance.now() - started >= BUSY_WAIT_MS) throw error;
        await sleep(wait);
      }
    }
  }
}
