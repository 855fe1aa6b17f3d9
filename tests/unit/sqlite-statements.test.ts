import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../server/config';
import { openDatabase, type Db } from '../../server/db/connection';

/* The SQLite client keeps each connection's prepared statements (server/db/sqlite-client.ts). */
describe('SQLite statements kept per connection', () => {
  let dir: string;
  let db: Db;
  let connection: Database.Database;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-statements-'));
    db = openDatabase(parseDatabaseUrl(`sqlite:${path.join(dir, 'test.sqlite')}`));
    connection = (await db.client.acquireConnection()) as Database.Database;
    await db.client.releaseConnection(connection);
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prepares a statement once and uses it again, with the bindings of each query', async () => {
    await db.schema.createTable('kept', (t) => t.integer('n'));
    await db('kept').insert([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const sql = 'SELECT n FROM kept WHERE n >= ? ORDER BY n';
    expect(connection.prepare(sql)).toBe(connection.prepare(sql));
    expect(await db.raw(sql, [2])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(await db.raw(sql, [3])).toEqual([{ n: 3 }]);
  });

  it('sees a schema change through a kept statement', async () => {
    const sql = 'SELECT * FROM kept ORDER BY n LIMIT 1';
    expect(await db.raw(sql)).toEqual([{ n: 1 }]);
    await db.schema.alterTable('kept', (t) => t.string('label').defaultTo('ā'));
    expect(await db.raw(sql)).toEqual([{ n: 1, label: 'ā' }]);
  });

  it('keeps at most 200, dropping the least recently used', async () => {
    const first = connection.prepare('SELECT 0 AS k');
    for (let k = 1; k <= 200; k++) connection.prepare(`SELECT ${k} AS k`);
    expect(connection.prepare('SELECT 0 AS k')).not.toBe(first);
    const recent = connection.prepare('SELECT 200 AS k');
    expect(connection.prepare('SELECT 200 AS k')).toBe(recent);
  });
});
