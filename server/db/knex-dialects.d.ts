/** The one knex dialect class extended here (sqlite-client.ts); knex's own typings stop at its public API. */
declare module 'knex/lib/dialects/better-sqlite3/index.js' {
  export default class BetterSqlite3Client {
    constructor(config: unknown);
    _query(connection: unknown, obj: unknown): Promise<unknown>;
    acquireRawConnection(): Promise<import('better-sqlite3').Database>;
  }
}
