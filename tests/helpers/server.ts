import { loadConfig } from '../../server/config';
import type { Db } from '../../server/db/connection';
import { startServer } from '../../server/index';
import { ensureSeeded } from '../../seeds';
import { testDatabases, type EngineId } from './databases';

export interface TestServer {
  baseUrl: string;
  /** The server's database, for a connection of the test's own (as another replica would have). */
  databaseUrl: string;
  db: Db;
  close(): Promise<void>;
}

/**
 * A real server on a random loopback port over a fresh database of the given engine, with reference
 * and demo data; tests talk to it over HTTP only.
 */
export async function startTestServer(opts: { engine?: EngineId; env?: Record<string, string> } = {}): Promise<TestServer> {
  const engine = testDatabases().find((d) => d.id === (opts.engine ?? 'sqlite'));
  if (!engine) throw new Error(`database engine ${opts.engine} is not available (is TEST_DATABASE_URL set?)`);
  const database = await engine.create();
  // The test's own connection is only needed to create the database; the server opens its own.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'test', DATABASE_URL: database.url, ...opts.env });
  const server = await startServer(config, (db) => ensureSeeded(db));
  return {
    baseUrl: server.url,
    databaseUrl: database.url,
    db: server.db,
    async close() {
      await server.close();
      await database.drop();
    },
  };
}

/** POST a GraphQL operation; returns the HTTP status, the response's headers and the parsed body. */
export async function gql<T = any>(baseUrl: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}
