import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { migrateLatest, openDatabase, type Db } from './db/connection';
import { isWorthRetryingAtStart } from './http/database-faults';

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  url: string;
  close(): Promise<void>;
}

/** Waits between start-up attempts: quick at first (a database starting beside us), then every few seconds. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

/**
 * Listens first, then opens the database: applies migrations, runs `prepare` (e.g. seeding) and loads the
 * catalog. While the database is unreachable or not created yet the process stays up — /healthz answers
 * 200, /readyz and the API 503 — and start-up retries with backoff, so an orchestrator starting the
 * database and the server together does not get a crash loop. Resolves once the server is ready; other
 * failures (a bad migration, a wrong password) close the server and reject.
 */
export async function startServer(config: Config, prepare?: (db: Db) => Promise<void>): Promise<RunningServer> {
  const db = openDatabase(config.database, { queryTimeoutMs: config.QUERY_TIMEOUT_MS });
  let app: FastifyInstance | undefined;
  const stopping = new AbortController();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      stopping.abort();
      await app?.close();
      await db.destroy();
    })());

  try {
    const built = await buildApp(config, db);
    app = built.app;
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    await retryUntilReady(
      async () => {
        // Migrations and seeding may rightly run longer than any query should: their own connection
        // has no statement timeout.
        const setup = openDatabase(config.database);
        try {
          await migrateLatest(setup);
          await prepare?.(setup);
        } finally {
          await setup.destroy();
        }
        await built.open();
      },
      app.log,
      stopping.signal,
    );
    app.log.info('ready');
    return { app, db, url: address.replace('[::1]', 'localhost'), close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function retryUntilReady(attempt: () => Promise<void>, log: FastifyBaseLogger, signal: AbortSignal): Promise<void> {
  for (let wait = FIRST_RETRY_MS, tries = 1; ; wait = Math.min(wait * 2, MAX_RETRY_MS), tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (signal.aborted || !isWorthRetryingAtStart(error)) throw error;
      log.warn({ err: error, tries, retryInMs: wait }, 'the database is not available yet; retrying');
      await sleep(wait, undefined, { signal });
    }
  }
}
