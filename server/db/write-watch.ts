import type { Db } from './connection';

/** A statement that writes one of the tables: INSERT, UPDATE, DELETE or TRUNCATE, as knex writes them on either database. */
const writesTo = (tables: readonly string[]) =>
  new RegExp(`^\\s*(?:insert\\s+into|update|delete\\s+from|truncate(?:\\s+table)?)\\s+[\`"]?(?:${tables.join('|')})[\`"]?(?=[\\s(;]|$)`, 'i');

/**
 * Calls `listener` after any statement through this connection pool that wrote one of `tables` has become
 * visible to the pool's other connections. That moment is when its connection goes back to the pool: right after
 * the statement for a single statement, after COMMIT (or ROLLBACK) for a transaction — knex emits no event
 * when a COMMIT completes, but it releases the transaction's connection then, before the code awaiting the
 * transaction goes on. Watching the pool, not the callers, covers every writer in this process (imports,
 * rollbacks, whatever comes next) without each having to remember to announce its writes.
 * Returns a function that stops watching.
 */
export function onWritesSettled(db: Db, tables: readonly string[], listener: () => void): () => void {
  const writes = writesTo(tables);
  // Connections (knex's per-connection id) that wrote one of the tables since they were last released.
  const wrote = new Set<string>();
  const onQuery = (query: { sql?: string; __knexUid?: string }) => {
    if (query.__knexUid && typeof query.sql === 'string' && writes.test(query.sql)) wrote.add(query.__knexUid);
  };
  const onRelease = (connection: { __knexUid?: string }) => {
    if (connection.__knexUid && wrote.delete(connection.__knexUid)) listener();
  };
  const onAnnounced = (written: string) => tables.includes(written) && listener();
  const pool = db.client.pool as { on(event: 'release', fn: typeof onRelease): void; removeListener(event: 'release', fn: typeof onRelease): void };
  db.on('query', onQuery);
  db.on(ANNOUNCED, onAnnounced);
  pool.on('release', onRelease);
  return () => {
    db.removeListener('query', onQuery);
    db.removeListener(ANNOUNCED, onAnnounced);
    pool.removeListener('release', onRelease);
  };
}

const ANNOUNCED = 'im:written';

/**
 * For a write that committed through another connection to the same database (the SQLite import worker's
 * own), which the pool never saw: tells this pool's watchers, as if the write had gone through it.
 */
export function announceWritten(db: Db, table: string): void {
  db.emit(ANNOUNCED, table);
}
