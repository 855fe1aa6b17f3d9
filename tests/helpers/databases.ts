import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { parseDatabaseUrl, type DatabaseTarget } from '../../server/config';
import { openDatabase, type Db } from '../../server/db/connection';

/*
 * One helper gives a test a fresh database of each supported engine (after Backstage's TestDatabases):
 * test bodies are written once and run for each with describe.each(testDatabases()).
 * PostgreSQL comes from TEST_DATABASE_URL; without it the PostgreSQL cases are skipped loudly,
 * except under CI=true, where a missing PostgreSQL is a failure.
 */

export type EngineId = 'sqlite' | 'postgres';

export interface TestDatabase {
  id: EngineId;
  /** A DATABASE_URL for a brand-new, empty database of this engine. */
  create(): Promise<{ url: string; target: DatabaseTarget; db: Db; drop(): Promise<void> }>;
}

const pgUrl = process.env.TEST_DATABASE_URL;
const requirePostgres = process.env.CI === 'true';

if (!pgUrl) {
  const message = 'TEST_DATABASE_URL is not set: PostgreSQL test cases are SKIPPED.';
  if (requirePostgres) throw new Error(`${message} Under CI=true PostgreSQL is required.`);
  console.warn(`\n*** ${message} ***\n`);
}

const sqlite: TestDatabase = {
  id: 'sqlite',
  async create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-test-'));
    const url = `sqlite:${path.join(dir, 'test.sqlite')}`;
    const target = parseDatabaseUrl(url);
    const db = openDatabase(target);
    return {
      url,
      target,
      db,
      async drop() {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: TestDatabase = {
  id: 'postgres',
  async create() {
    const name = `im_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = knex({ client: 'pg', connection: pgUrl, pool: { min: 0, max: 1 } });
    await admin.raw(`CREATE DATABASE ${name}`);
    const url = new URL(pgUrl!);
    url.pathname = `/${name}`;
    const target = parseDatabaseUrl(url.toString());
    const db = openDatabase(target);
    return {
      url: url.toString(),
      target,
      db,
      async drop() {
        await db.destroy();
        await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.destroy();
      },
    };
  },
};

/** The engines available here: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDatabases(): TestDatabase[] {
  return pgUrl ? [sqlite, postgres] : [sqlite];
}
