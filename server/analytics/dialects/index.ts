import type { Db } from '../../db/connection';
import { isSqlite } from '../../db/connection';
import { postgres } from './postgres';
import { sqlite } from './sqlite';

/**
 * What differs between the databases, and nothing else. Dates are ISO strings on both, so period
 * bucketing is the same SQL everywhere; what remains is how results come back and how errors read.
 */
export interface Dialect {
  name: 'sqlite' | 'postgres';
  /** The result rows of a knex.raw() call. */
  rows(result: unknown): Record<string, unknown>[];
  /** The error a query gets when its statement timeout cancels it. */
  isTimeout(error: unknown): boolean;
  /** The error a query gets when its connection is gone or refused. */
  isConnectionLost(error: unknown): boolean;
}

export function dialectOf(db: Db): Dialect {
  return isSqlite(db) ? sqlite : postgres;
}
