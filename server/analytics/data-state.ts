import type { Db } from '../db/connection';
import { onWritesSettled } from '../db/write-watch';
import type { DatasetModel } from '../catalog/models';
import { SharedRead } from './shared-read';

/**
 * What data is loaded: the datasets and a version string that changes whenever one is added or
 * removed. Read from the database (a tiny table), so every replica sees an import through any other, and
 * caches keyed by the version never serve answers from before it — see `shareDataState` for how often.
 */
export interface DataState {
  datasets: DatasetModel[];
  version: string;
}

/** The servers' shared reads, per connection pool; a pool without one reads on every call. */
const shared = new WeakMap<Db, SharedRead<DataState>>();

/**
 * Lets the requests of this process share one read of the data state for up to `ttlMs` (0: read on every
 * call). Each read is a database round trip — on PostgreSQL the largest part of a request's overhead —
 * and the state only changes on an import or a rollback. A write through THIS pool to the `dataset` table
 * drops the shared value the moment it is committed, so this process's next request sees its own import;
 * an import through another replica (or the command line) is seen within `ttlMs`. Chosen over
 * PostgreSQL's LISTEN/NOTIFY: one mechanism for both databases, no dedicated connection to keep alive,
 * and a bound that holds even when a notification would be lost.
 */
export function shareDataState(db: Db, ttlMs: number): void {
  if (ttlMs === 0 || shared.has(db)) return;
  const read = new SharedRead(() => queryDataState(db), ttlMs);
  onWritesSettled(db, ['dataset'], () => read.invalidate());
  shared.set(db, read);
}

export async function readDataState(db: Db): Promise<DataState> {
  return shared.get(db)?.get() ?? queryDataState(db);
}

async function queryDataState(db: Db): Promise<DataState> {
  // Named, so PostgreSQL parses and plans it once per connection (as the session query); SQLite ignores it.
  const rows = await db('dataset').select('id', 'kind', 'synthetic', 'description', 'loaded_at', 'row_count').orderBy('id').options({ name: 'read-data-state' });
  const datasets = rows.map((r) => ({
    id: r.id as string,
    kind: r.kind as DatasetModel['kind'],
    synthetic: Boolean(r.synthetic),
    description: r.description as string,
    loadedAt: r.loaded_at as string,
  }));
  const version = rows.map((r) => `${r.id}@${r.loaded_at}#${r.row_count}`).join('|');
  return { datasets, version };
}

/** The first and last dates in the data: the default period when a query names none. */
export interface Extent {
  from: string;
  to: string;
}

/** Runs a read-only statement (knex's SQL with `?` placeholders) and gives its rows. */
export type ReadRows = (sql: string, bindings: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * The extent by SQL, for when the in-memory rollup is not loaded (ANALYTICS_ENGINE=sql, a failed load);
 * with it, the rollup's columns give the same (`storeExtent`). participation's dates have no index (migration
 * 007: it cost a fifth of an import's time and served nothing else), so this scans participation once.
 */
export async function readExtent(db: Db, read: ReadRows): Promise<Extent | undefined> {
  // One subquery per bound: then each MIN or MAX of an indexed column is one index lookup, where a single
  // SELECT of several aggregates scans the whole table (SQLite optimises a lone MIN or MAX only).
  const bound = (fn: 'MIN' | 'MAX', table: string, column: string) => db(table).select(db.raw(`${fn}(??)`, [column]));
  const { sql, bindings } = db
    .select({
      pFirst: bound('MIN', 'participation', 'entry_date'),
      pLastEntry: bound('MAX', 'participation', 'entry_date'),
      pLastExit: bound('MAX', 'participation', 'exit_date'),
      cFirst: bound('MIN', 'consultation', 'date'),
      cLast: bound('MAX', 'consultation', 'date'),
    })
    .toSQL();
  const [e] = await read(sql, bindings);
  const firsts = [e.pFirst, e.cFirst].filter(Boolean) as string[];
  const lasts = [e.pLastEntry, e.pLastExit, e.cLast].filter(Boolean) as string[];
  if (firsts.length === 0) return undefined;
  return { from: firsts.sort()[0], to: lasts.sort().at(-1)! };
}
