import { postgres } from '../analytics/dialects/postgres';
import { sqlite } from '../analytics/dialects/sqlite';
import { queryTimeout, serviceUnavailable } from '../errors';

/*
 * Database failures a client can do something about (retry later, narrow the query), recognised
 * wherever they surface — in a resolver, in the session hook, at start — with the dialects' own rules,
 * so the analytics layer and the HTTP layer never disagree about what "the database is down" means.
 */

/** The typed error for a database fault, or undefined when the error is something else. */
export function databaseFault(error: unknown) {
  if (postgres.isTimeout(error) || sqlite.isTimeout(error)) return queryTimeout();
  if (postgres.isConnectionLost(error) || sqlite.isConnectionLost(error)) return serviceUnavailable();
  return undefined;
}

/** PostgreSQL codes met while a database is being created, started or is full; errno of a host not up yet. */
const NOT_YET = new Set(['3D000', '57P03', '53300', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether start-up should wait and try again: the database is not reachable or not there yet, or another
 * replica holds the migration lock. Anything else stops the start, a statement timeout included: a
 * migration too slow for QUERY_TIMEOUT_MS would be as slow on every retry.
 */
export function isWorthRetryingAtStart(error: unknown): boolean {
  const e = error as { code?: string; name?: string };
  return (
    postgres.isConnectionLost(error) ||
    sqlite.isConnectionLost(error) ||
    NOT_YET.has(e?.code ?? '') ||
    // knex's LockError: another replica is migrating, or taking the lock failed on a lost connection.
    e?.name === 'MigrationLocked'
  );
}
