import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { migrateLatest, openDatabase, type Db } from './db/connection';

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  url: string;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, and listens. `prepare` runs in between (e.g. seeding). */
export async function startServer(config: Config, prepare?: (db: Db) => Promise<void>): Promise<RunningServer> {
  const db = openDatabase(config.database, { queryTimeoutMs: config.QUERY_TIMEOUT_MS });
  try {
    await migrateLatest(db);
    await prepare?.(db);
    const app = await buildApp(config, db);
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    let closing: Promise<void> | undefined;
    return {
      app,
      db,
      url: address.replace('[::1]', 'localhost'),
      close: () => (closing ??= app.close().then(() => db.destroy())),
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
