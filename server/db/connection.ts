import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import type { DatabaseTarget } from '../config';
import { migrationSource } from './migrations';
import { WaitingSqliteClient } from './sqlite-client';

export type Db = Knex;

/** Opens a knex connection; SQLite gets WAL (readers never wait for a writer), foreign keys, and writes that wait for the lock without blocking. */
export function openDatabase(target: DatabaseTarget, opts: { queryTimeoutMs?: number } = {}): Db {
  if (target.client === 'sqlite') {
    if (target.filename !== ':memory:') fs.mkdirSync(path.dirname(target.filename), { recursive: true });
    return knex({
      client: WaitingSqliteClient as unknown as typeof knex.Client,
      connection: { filename: target.filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          conn.pragma('journal_mode = WAL');
          conn.pragma('foreign_keys = ON');
          // Waiting for another connection's write lock is the client's (sqlite-client.ts), without blocking the thread.
          conn.pragma('busy_timeout = 0');
          conn.pragma('synchronous = NORMAL');
          done(null, conn);
        },
      },
    });
  }
  return knex({
    client: 'pg',
    connection: {
      connectionString: target.connectionString,
      statement_timeout: opts.queryTimeoutMs,
    },
    pool: { min: 0, max: 10 },
  });
}

export function isSqlite(db: Db): boolean {
  return (db.client as { driverName?: string }).driverName === 'better-sqlite3';
}

/** The file a SQLite connection pool reads (`:memory:` for a database in memory); undefined on PostgreSQL. */
export function sqliteFilename(db: Db): string | undefined {
  return isSqlite(db) ? (db.client.config.connection as { filename: string }).filename : undefined;
}

/** The file of a SQLite database on disk, which other threads and processes can open too; else undefined. */
export function sqliteFileOnDisk(db: Db): string | undefined {
  const filename = sqliteFilename(db);
  return filename === ':memory:' ? undefined : filename;
}

export async function migrateLatest(db: Db): Promise<void> {
  await db.migrate.latest({ migrationSource });
}

export async function migrateRollbackAll(db: Db): Promise<void> {
  await db.migrate.rollback({ migrationSource }, true);
}
